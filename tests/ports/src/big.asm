; big.asm - a program with 128 KiB of initialised data: its object and
; its executable are larger than the 64 KiB file system of the "full"
; steps (tests/ports/steps.sh), so writing them there ends in ENOSPC.
        global _start

SYS_EXIT  equ 1
DATA_SIZE equ 128 * 1024

        section .data
filler: times DATA_SIZE db 0x55

        section .text
_start: mov eax, SYS_EXIT
        movzx ebx, byte [filler + DATA_SIZE - 1]
        int 0x80
