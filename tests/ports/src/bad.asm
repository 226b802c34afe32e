; bad.asm - deliberately wrong: NASM must report each error (and the
; warning) exactly as on the host, and exit with status 1.
        bits 32
        section .text
start:  mov eax, undefined_symbol
        mov eax, [ebx + ecx * 3]        ; no such scale
        movq eax, ebx                   ; no such form
        push byte 300                   ; a warning: value truncated
        frobnicate eax                  ; no such instruction
%macro two 2
        db %1, %2
%endmacro
        two 1                           ; too few parameters
start:  ret                             ; label redefined
%error "a user error"
