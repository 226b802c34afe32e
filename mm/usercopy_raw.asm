; usercopy_raw.asm - the only instructions that touch user memory on behalf of
; a system call. A fault in one of the ranges below that demand paging cannot
; resolve is resumed at the range's fix-up with eax already set by the fault
; handler (-EFAULT or -ENOMEM, mm/fault.c), which the fix-up returns; the
; table usercopy_fixups (start, end, fix-up) is what mm/usercopy.c searches.
;
; Copies of SSE_MIN bytes or more move BIG_ROUND bytes a loop round, then
; SMALL_ROUND bytes a round, with 16-byte SSE loads and stores (a page in
; one round: 514 instructions), and the rest with rep movsd and rep movsb.
; Under the benchmarks' -icount every rep iteration counts as an
; instruction (docs/benchmarks.md), so this is what read() and write() of
; the page cache cost per byte: about half of rep movsd's count, an
; eighth of rep movsb's. As in page_clear.asm, SSE is switched eagerly
; with each thread (proc/fpu.c): xmm0 is the interrupted user thread's,
; so it is kept on the stack and put back, on the fix-up path too. A
; fault that sleeps meanwhile (a file mapping's page) is safe: the switch
; saves and restores xmm0 with the thread.
;
; Under SMAP (kernel/protect.h) these are the doors: each function opens
; user memory to the kernel (STAC) on entry and closes it (CLAC) on every
; way out, the fix-ups included; any other kernel access to a user page
; faults.

%include "kernel/smap.inc"

global usercopy_raw, userset_raw, usercopy_fixups
global fxsave_user_raw, fxrstor_user_raw, usercopy_gp_fixups
global user_read_unguarded, usercopy_probe_fixups

SSE_MIN     equ 64                    ; below this the SSE set-up does not pay
BIG_ROUND   equ 4096                  ; bytes a round of the first loop moves: a page
SMALL_ROUND equ 128                   ; ... of the second
XMM_SAVE    equ 16                    ; stack bytes that keep xmm0
FSAVE_SIZE  equ 112                   ; the i387 part of a signal frame's fpstate
FXSR_SW_RESERVED equ 464              ; an FXSAVE image's bytes for software
FXSR_SIZE   equ 512
FXSR_MXCSR  equ 24                    ; MXCSR's offset in an FXSAVE image
EINVAL      equ 22                    ; uapi/errno.h

; Copy ecx bytes (a multiple of round) from esi to edi, round bytes a loop
; round; esi and edi end past them, ecx at 0. %1: the round, %2: a label.
%macro sse_rounds 2
	add esi, ecx
	add edi, ecx
	neg ecx                               ; counts up to 0: one add a round
	jz %2_done
%2:
%assign off 0
%rep %1 / 16
	movups xmm0, [esi + ecx + off]
	movups [edi + ecx + off], xmm0
%assign off off + 16
%endrep
	add ecx, %1
	jnz %2
%2_done:
%endmacro

section .text
; int usercopy_raw(void *dst, const void *src, size_t n)
usercopy_raw:
	push edi
	push esi
	mov edi, [esp + 12]
	mov esi, [esp + 16]
	mov ecx, [esp + 20]
	STAC
	cmp ecx, SSE_MIN
	jae copy_sse
copy_tail:                                    ; ecx bytes left: dwords, then bytes
	mov edx, ecx
	shr ecx, 2
copy_rep_start:
	rep movsd
	mov ecx, edx
	and ecx, 3
	rep movsb
copy_rep_end:
	CLAC
	xor eax, eax
	pop esi
	pop edi
	ret
copy_sse:
	sub esp, XMM_SAVE
	movups [esp], xmm0
	mov edx, ecx
	and ecx, ~(BIG_ROUND - 1)
copy_sse_start:
	sse_rounds BIG_ROUND, copy_big
	mov ecx, edx
	and ecx, (BIG_ROUND - 1) & ~(SMALL_ROUND - 1)
	sse_rounds SMALL_ROUND, copy_small
copy_sse_end:
	movups xmm0, [esp]
	add esp, XMM_SAVE
	mov ecx, edx
	and ecx, SMALL_ROUND - 1
	jmp copy_tail

copy_sse_fixup:                           ; eax: the error
	movups xmm0, [esp]
	add esp, XMM_SAVE
copy_rep_fixup:                           ; eax: the error
	CLAC
	pop esi
	pop edi
	ret

; int userset_raw(void *dst, int byte, size_t n)
userset_raw:
	push edi
	mov edi, [esp + 8]
	movzx eax, byte [esp + 12]
	imul eax, eax, 0x01010101             ; the byte in all four
	mov ecx, [esp + 16]
	STAC
	mov edx, ecx
	shr ecx, 2
set_rep_start:
	rep stosd
	mov ecx, edx
	and ecx, 3
	rep stosb
set_rep_end:
	CLAC
	xor eax, eax
	pop edi
	ret
set_rep_fixup:                            ; eax: the error
	CLAC
	pop edi
	ret

; The FPU state of a signal frame (proc/fpu.c), straight between the
; registers and user memory: one FXSAVE or FXRSTOR where a copy through a
; kernel buffer cost a counted instruction every 16 bytes or fewer.
;
; int fxsave_user_raw(void *fx): the live registers' FXSAVE image at fx
; (16-byte aligned), its software-reserved tail zeroed, as Linux leaves it
; on a CPU without XSAVE.
fxsave_user_raw:
	push edi
	mov edi, [esp + 8]
	STAC
fxsave_start:
	fxsave [edi]
	add edi, FXSR_SW_RESERVED
	xor eax, eax
	mov ecx, (FXSR_SIZE - FXSR_SW_RESERVED) / 4
	rep stosd
fxsave_end:
	CLAC
	pop edi
	ret
fxsave_fixup:                             ; eax: the error
	CLAC
	pop edi
	ret

; int fxrstor_user_raw(const void *fp, uint32_t mxcsr_mask): load the
; FXSAVE image that follows the i387 part at fp (fp + FSAVE_SIZE, 16-byte
; aligned), then that i387 part (the FSAVE format: environment and st0-7)
; over its x87 registers, which is what Linux's convert_to_fxsr makes of
; an ia32 frame. An image whose MXCSR has bits outside mxcsr_mask is not
; loaded: -EINVAL (the caller sanitizes a copy). Should another thread
; set such a bit between the test and the load, FXRSTOR faults (#GP) and
; trap_dispatch resumes at the fix-up with -EINVAL (usercopy_gp_fixups).
fxrstor_user_raw:
	mov edx, [esp + 4]
	mov ecx, [esp + 8]
	not ecx
	STAC
fxrstor_start:
	test ecx, [edx + FSAVE_SIZE + FXSR_MXCSR]
	jnz fxrstor_refused
	fxrstor [edx + FSAVE_SIZE]
fxrstor_end:
	frstor [edx]
frstor_end:
	CLAC
	xor eax, eax
	ret
fxrstor_refused:
	mov eax, -EINVAL
fxrstor_fixup:                            ; eax: the error
	CLAC
	ret

; int user_read_unguarded(uint32_t *dst, const void *src)
; NOT a door: reads a user word with the door shut (no STAC), as a kernel
; bug would, for the SMAP test (tests/kernel/protect_test.c). Under SMAP
; it faults; mm/fault.c reports the breach and, this being the probe,
; resumes at the fix-up, which returns the error.
user_read_unguarded:
	mov edx, [esp + 8]
probe_start:
	mov eax, [edx]
probe_end:
	mov edx, [esp + 4]
	mov [edx], eax
	xor eax, eax
probe_fixup:                              ; eax: the error
	ret

section .rodata
; (start, end, fix-up) of every instruction range that touches user memory
usercopy_fixups:
	dd copy_rep_start, copy_rep_end, copy_rep_fixup
	dd copy_sse_start, copy_sse_end, copy_sse_fixup
	dd set_rep_start, set_rep_end, set_rep_fixup
	dd fxsave_start, fxsave_end, fxsave_fixup
	dd fxrstor_start, frstor_end, fxrstor_fixup
	dd 0, 0, 0

; the instructions whose general-protection fault is the user's data, not
; a kernel bug: FXRSTOR of an image with a bad MXCSR (a racing thread's)
usercopy_gp_fixups:
	dd fxrstor_start, fxrstor_end, fxrstor_fixup
	dd 0, 0, 0

; the same for the probe: a fault there is a breach, reported, then survived
usercopy_probe_fixups:
	dd probe_start, probe_end, probe_fixup
	dd 0, 0, 0
