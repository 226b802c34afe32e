; strlib.asm - string routines for sections.asm, in an object of their
; own (linked directly, or from the archive libstr.a).
        global str_len, str_upper

        section .text
; str_len: esi = a NUL-terminated string; eax = its length.
str_len:
        xor eax, eax
.next:  cmp byte [esi + eax], 0
        je .done
        inc eax
        jmp .next
.done:  ret

; str_upper: copies esi to edi (with the NUL), a-z made A-Z.
str_upper:
        lodsb
        cmp al, 'a'
        jb .store
        cmp al, 'z'
        ja .store
        sub al, 'a' - 'A'
.store: stosb
        test al, al
        jnz str_upper
        ret
