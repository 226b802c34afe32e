; isr.asm - interrupt entry stubs: one per vector, all funnelling into
; trap_common, which saves the registers as a struct trapframe (trap.h)
; and calls trap_dispatch(tf). The CPU pushes an error code for some
; exceptions only; the others push a zero so every frame has the same shape.
; int 0x80 builds the same frame in syscall_common and calls
; syscall_dispatch(tf) (kernel/syscall.c) straight away: the most frequent
; trap skips the routing by vector.

extern trap_dispatch, syscall_dispatch
global isr_table
global trap_return
global trap_pop_fs, trap_pop_es, trap_pop_ds, trap_iret

SEL_KDATA equ 0x10

%include "kernel/smap.inc"

%macro ISR_NOERR 1
isr%1:
	push dword 0
	push dword %1
	jmp trap_common
%endmacro

%macro ISR_SYSCALL 1
isr%1:
	push dword 0
	push dword %1
	jmp syscall_common
%endmacro

%macro ISR_ERR 1
isr%1:
	push dword %1
	jmp trap_common
%endmacro

section .text
; Vectors 8, 10-14, 17, 21, 29, 30 come with a CPU-pushed error code.
%assign v 0
%rep 256
%if v == 8 || (v >= 10 && v <= 14) || v == 17 || v == 21 || v == 29 || v == 30
	ISR_ERR v
%elif v == 0x80                       ; TRAP_SYSCALL
	ISR_SYSCALL v
%else
	ISR_NOERR v
%endif
%assign v v + 1
%endrep

; The registers saved as the rest of a struct trapframe, kernel segments
; loaded: the start of every trap.
%macro TRAP_SAVE 0
	CLAC                              ; user space may set AC, and so may a
	                                  ; copy this trap interrupted: every
	                                  ; handler starts with user memory shut
	                                  ; (the frame keeps AC for the iret)
	pushad
	push ds
	push es
	push fs
	push gs
	mov ax, SEL_KDATA
	mov ds, ax
	mov es, ax
	xor eax, eax                      ; the kernel runs with null fs/gs: a user
	mov fs, ax                        ; TLS selector left loaded could name a
	mov gs, ax                        ; slot the next thread has cleared
	cld
%endmacro

syscall_common:
	TRAP_SAVE
	push esp                          ; struct trapframe *
	call syscall_dispatch
	add esp, 4
	jmp trap_return

trap_common:
	TRAP_SAVE
	push esp                          ; struct trapframe *
	call trap_dispatch
	add esp, 4
; A user selector popped here (or ss in iretd) may name a TLS slot that
; was changed since the trap: proc/tls.c's tls_return_fixup handles the
; fault at these labels.
trap_return:                          ; also where new threads first "return"
	pop gs
trap_pop_fs:
	pop fs
trap_pop_es:
	pop es
trap_pop_ds:
	pop ds
	popad
	add esp, 8                        ; vector and error code
trap_iret:
	iretd

section .rodata
isr_table:
%assign v 0
%rep 256
	dd isr %+ v
%assign v v + 1
%endrep
