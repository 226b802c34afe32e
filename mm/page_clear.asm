; page_clear.asm - zero one page with 16-byte SSE stores: the demand-zero
; fault's main cost. rep stosd does it in 1,024 iterations; these 256
; stores (16 a round) do the same work in a quarter of the instructions.
; On hardware both are bound by memory bandwidth; under the benchmarks'
; -icount (docs/benchmarks.md) every iteration counts, so this is where
; the page fault's instruction count goes down.
;
; SSE state is switched eagerly with each thread (proc/fpu.c), so the
; registers hold the interrupted user thread's values: xmm0 is saved on
; the stack and put back. If the thread is preempted meanwhile, its FXSAVE
; image carries the zero in xmm0 and the loop goes on unharmed.
; Callable once fpu_init has enabled SSE (CR4.OSFXSR): user faults only.

global page_clear

PAGE_SIZE   equ 4096
ROUND       equ 256                   ; bytes cleared per loop round

section .text
; void page_clear(void *page)          page: 16-byte aligned, PAGE_SIZE bytes
page_clear:
	mov eax, [esp + 4]
	lea edx, [eax + PAGE_SIZE]
	sub esp, 16
	movups [esp], xmm0
	xorps xmm0, xmm0
.round:
%assign off 0
%rep ROUND / 16
	movaps [eax + off], xmm0
%assign off off + 16
%endrep
	add eax, ROUND
	cmp eax, edx
	jne .round
	movups xmm0, [esp]
	add esp, 16
	ret
