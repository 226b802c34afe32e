; flat32.asm - 32-bit code as a flat binary (nasm -f bin), for
; ndisasm -b 32: a checksum loop over a table, with a spread of
; addressing modes, SIB bytes, immediates and a jump table.
        bits 32
        org 0x100000

sum:    push ebp
        mov ebp, esp
        push esi
        mov esi, [ebp + 8]              ; table
        mov ecx, [ebp + 12]             ; count
        xor eax, eax
.loop:  add eax, [esi + ecx * 4 - 4]
        rol eax, 5
        xor eax, 0x9e3779b9
        loop .loop
        pop esi
        leave
        ret

dispatch:
        mov eax, [esp + 4]
        and eax, 3
        jmp [table + eax * 4]
one:    mov eax, 1
        ret
two:    lea eax, [eax * 2 + 0x10]
        ret
three:  imul eax, eax, -3
        ret
four:   movzx eax, byte [esp + 8]
        shl eax, cl
        ret

        align 4
table:  dd one, two, three, four
data:   dw 0x1234, 0x5678
        db "flat", 0
