; shared_page.asm - a program whose code and data segments share one page
; (tests/user/shared_page.ld puts them there), to exercise the ELF loader's
; eager path: the page must get both segments' bytes and the union of their
; permissions. Writes to its data, prints a line, exits 0.

SYS_EXIT  equ 1
SYS_WRITE equ 4
STDOUT    equ 1

section .text
global _start
_start:
	mov dword [counter], 41
	inc dword [counter]
	cmp dword [counter], 42
	jne .fail
	mov eax, SYS_WRITE
	mov ebx, STDOUT
	mov ecx, message
	mov edx, message_len
	int 0x80
	mov eax, SYS_EXIT
	xor ebx, ebx
	int 0x80
.fail:
	mov eax, SYS_EXIT
	mov ebx, 1
	int 0x80

section .data
message: db "shared page ok", 10
message_len equ $ - message
counter: dd 0
