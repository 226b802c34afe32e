; switch.asm - the context switch: save the callee-saved registers of the
; running thread on its own kernel stack, store that stack pointer in *old,
; and resume the thread whose saved stack pointer is new (struct context,
; proc/thread.h). Everything else (FPU, TSS, CR3, TLS) is done in C first.

global context_switch

section .text
; void context_switch(struct context **old, struct context *new)
context_switch:
	mov eax, [esp + 4]
	mov edx, [esp + 8]
	push ebp
	push ebx
	push esi
	push edi
	mov [eax], esp
	mov esp, edx
	pop edi
	pop esi
	pop ebx
	pop ebp
	ret
