; sections.asm - a program of many sections: code, read-only data,
; initialised and zeroed data, a section of its own with explicit
; flags, and one mapped but never loaded (noalloc notes). Calls the
; routines of strlib.asm (another object, or libstr.a) and exits with
; the length it measured.
%include "linux.inc"

        extern str_len, str_upper
        global _start

        section .text
_start: mov esi, greeting
        call str_len                    ; eax = length
        mov [length], eax
        mov edi, buffer
        mov esi, greeting
        call str_upper                  ; copies in upper case
        sys_write buffer, [length]
        call counter_bump
        call counter_bump
        sys_write tag, tag_len
        sys_exit [length]

        section .text.helpers progbits alloc exec nowrite align=16
counter_bump:
        inc dword [counter]
        ret

        section .rodata
greeting: db "sections and objects", 10, 0
        string tag, "done", 10

        section .data
counter: dd 0

        section .bss
length: resd 1
buffer: resb 64

        section .comment.tern noalloc
        db "tern ports test", 0
