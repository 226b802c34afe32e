; hello.asm - the smallest Linux i386 program: write(1, ...) and
; exit(0) through int 0x80. nasm -f elf32, ld -m elf_i386.
        global _start

SYS_EXIT  equ 1
SYS_WRITE equ 4
STDOUT    equ 1

        section .rodata
msg:    db "Hello from NASM on tern", 10
len     equ $ - msg

        section .text
_start: mov eax, SYS_WRITE
        mov ebx, STDOUT
        mov ecx, msg
        mov edx, len
        int 0x80
        mov eax, SYS_EXIT
        xor ebx, ebx
        int 0x80
