/*
 * libgreet.c - a shared library of this project's own (libgreet.so),
 * found only through LD_LIBRARY_PATH: greet.c links against it and
 * dlopens it (docs/dynamic.md).
 */
#include <stdio.h>

static int calls;                      /* its own data segment, relocated */
__thread int greet_tls = 5;            /* a TLS block ld.so adds at start-up */

int greet(const char *who)
{
	calls++;
	return printf("greetings, %s, from libgreet (call %d, tls %d)\n", who, calls, greet_tls++);
}
