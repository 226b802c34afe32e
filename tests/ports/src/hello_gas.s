# hello_gas.s - the hello program in GAS (AT&T) syntax: as --32.
        .equ SYS_EXIT, 1
        .equ SYS_WRITE, 4

        .section .rodata
msg:    .ascii "Hello from GNU as on tern\n"
        .equ len, . - msg

        .text
        .globl _start
_start: movl $SYS_WRITE, %eax
        movl $1, %ebx
        movl $msg, %ecx
        movl $len, %edx
        int $0x80
        call add_three
        movl %eax, %ebx
        movl $SYS_EXIT, %eax
        int $0x80

# add_three: eax = 3 + the sum of a table (7), a data-relative load.
        .type add_three, @function
add_three:
        movl $table, %esi
        xorl %eax, %eax
        movl $3, %ecx
1:      addl -4(%esi,%ecx,4), %eax
        loop 1b
        addl $3, %eax
        ret
        .size add_three, . - add_three

        .data
table:  .long 1, 2, 4
