; shared_page.asm - a program whose code and data segments share one page
; (tests/user/shared_page.ld puts them there), to exercise the ELF loader's
; eager path: the page must get both segments' bytes and the union of their
; permissions. Its data segment ends in a 2 GiB bss, which must arrive page
; by page on demand like any other (the eager path once allocated every
; page of it, draining all memory). Writes to its data and to both ends of
; the bss, prints a line, exits 0.

SYS_EXIT  equ 1
BIG_SIZE  equ 0x7ff00000                  ; 2 GiB of bss, less 1 MiB (NASM: < 2^31)
SYS_WRITE equ 4
STDOUT    equ 1

section .text
global _start
_start:
	mov dword [counter], 41
	inc dword [counter]
	cmp dword [counter], 42
	jne .fail
	cmp byte [big], 0                     ; demand-zero at both ends
	jne .fail
	mov byte [big], 1
	cmp byte [big + BIG_SIZE - 1], 0
	jne .fail
	mov byte [big + BIG_SIZE - 1], 1
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

section .bss
big: resb BIG_SIZE
