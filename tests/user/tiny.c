/*
 * tiny.c - the smallest valid static i386 program (no libc): exits with
 * status 0. tools/gen_bad_elf.py derives the malformed ELF corpus from it,
 * so each bad file stays a few hundred bytes.
 */
void _start(void)
{
	__asm__ volatile("mov $1, %eax\n\txor %ebx, %ebx\n\tint $0x80");
	for (;;)
		;
}
