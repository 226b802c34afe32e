; macros.asm - the preprocessor at work: %include, multi-line macros
; with local labels, %rep/%assign tables, %if, %define with arguments,
; struc/istruc. Prints a squares table and a record, exits with 42.
%include "linux.inc"

%define SQUARE(x) ((x) * (x))
%assign COUNT 8

struc point
        .x:     resd 1
        .y:     resd 1
        .name:  resb 8
endstruc

; print_digits VALUE(reg), writes the value in decimal through a buffer.
%macro print_number 1
        mov eax, %1
        mov edi, numbuf + 11
        mov byte [edi], 10
        mov ecx, 10
%%digit:
        xor edx, edx
        div ecx
        add dl, '0'
        dec edi
        mov [edi], dl
        test eax, eax
        jnz %%digit
        mov esi, numbuf + 12
        sub esi, edi
        sys_write edi, esi
%endmacro

        global _start
        section .text
_start:
        sys_write title, title_len
        xor ebp, ebp
.row:   mov ebx, [squares + ebp * 4]
        print_number ebx
        inc ebp
        cmp ebp, COUNT
        jb .row
        sys_write origin + point.name, 6
        print_number dword [origin + point.y]
%if COUNT > 4
        sys_exit 42
%else
        sys_exit 1
%endif

        section .data
        string title, "squares:", 10
squares:
%assign i 1
%rep COUNT
        dd SQUARE(i)
%assign i i + 1
%endrep
origin: istruc point
        at point.x,    dd 3
        at point.y,    dd 1977
        at point.name, db "point", 10, 0, 0
        iend

        section .bss
numbuf: resb 12
