/*
 * stackprot.h - the stack protector's canary (gcc -fstack-protector-strong
 * -mstack-protector-guard=global, Makefile).
 *
 * Every function with a local array or a local whose address escapes
 * keeps a copy of __stack_chk_guard between its locals and its saved
 * frame pointer and return address, and checks it before it returns; a
 * mismatch (a buffer written past its end) calls __stack_chk_fail, which
 * panics naming the function whose stack was smashed. The canary is new
 * each boot (kernel/entropy.h), with a zero low byte so that a string
 * copy cannot write it back.
 */
#ifndef KERNEL_STACKPROT_H
#define KERNEL_STACKPROT_H

#include <stdint.h>

extern uint32_t __stack_chk_guard;

/* Choose this boot's canary. Called first thing in kmain: a protected
 * function that was running when the canary changed would fail its check
 * on return (kmain itself never returns). */
void stack_protector_init(void);

#endif
