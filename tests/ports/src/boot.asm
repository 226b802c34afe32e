; boot.asm - a BIOS boot sector (nasm -f bin): prints a line with the
; BIOS teletype call and halts. 512 bytes ending in the 0xAA55 signature.
        bits 16
        org 0x7c00

start:  xor ax, ax
        mov ds, ax
        mov ss, ax
        mov sp, 0x7c00
        cld
        mov si, message
.next:  lodsb
        test al, al
        jz .halt
        mov ah, 0x0e            ; teletype output
        mov bx, 0x0007          ; page 0, light grey
        int 0x10
        jmp .next
.halt:  cli
        hlt
        jmp .halt

message: db "tern boot sector", 13, 10, 0

        times 510 - ($ - $$) db 0
        dw 0xaa55
