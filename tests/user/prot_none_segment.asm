; prot_none_segment.asm - regression test for "the eager ELF path maps
; segments with no permission flags as readable": two PT_LOADs without
; flags share one page (tests/user/prot_none_segment.ld), so the loader
; fills that page eagerly, and it was then mapped present and user, which
; on i386 (no NX) means readable. Linux: any access is SIGSEGV. Prints
; "before", reads the page (must die of SIGSEGV), prints "after" if not.

SYS_EXIT  equ 1
SYS_WRITE equ 4
STDOUT    equ 1

section .text
global _start
_start:
	mov ecx, before
	mov edx, before_len
	call print
	mov eax, [secret]                 ; SIGSEGV here
	mov ecx, after
	mov edx, after_len
	call print
	mov eax, SYS_EXIT
	xor ebx, ebx
	int 0x80

print:
	mov eax, SYS_WRITE
	mov ebx, STDOUT
	int 0x80
	ret

before: db "before", 10
before_len equ $ - before
after: db "after: the PROT_NONE page was readable", 10
after_len equ $ - after

section .none1
secret: dd 0x5ec7e7

section .none2
other: dd 1
