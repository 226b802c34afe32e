; usercopy_raw.asm - the only instructions that touch user memory on behalf of
; a system call. A fault on usercopy_fault_ip / userset_fault_ip that demand
; paging cannot resolve is resumed at the matching fix-up label with eax
; already set by the fault handler (-EFAULT or -ENOMEM, mm/fault.c), which
; the fix-up returns.

global usercopy_raw, userset_raw
global usercopy_fault_ip, usercopy_fixup_ip, userset_fault_ip, userset_fixup_ip

section .text
; int usercopy_raw(void *dst, const void *src, size_t n)
usercopy_raw:
	push edi
	push esi
	mov edi, [esp + 12]
	mov esi, [esp + 16]
	mov ecx, [esp + 20]
usercopy_fault_ip:
	rep movsb
	xor eax, eax
	pop esi
	pop edi
	ret
usercopy_fixup_ip:                        ; eax: the error
	pop esi
	pop edi
	ret

; int userset_raw(void *dst, int byte, size_t n)
userset_raw:
	push edi
	mov edi, [esp + 8]
	mov eax, [esp + 12]
	mov ecx, [esp + 16]
userset_fault_ip:
	rep stosb
	xor eax, eax
	pop edi
	ret
userset_fixup_ip:                         ; eax: the error
	pop edi
	ret
