/*
 * personality.h - execution domains and their flags (Linux:
 * include/uapi/linux/personality.h), the ones tern knows.
 */
#ifndef UAPI_PERSONALITY_H
#define UAPI_PERSONALITY_H

#define PER_LINUX          0x0000u
#define PER_LINUX32        0x0008u      /* on i386 the same as PER_LINUX */
#define PER_MASK           0x00ffu      /* the domain; the bits above are flags */
#define ADDR_NO_RANDOMIZE  0x0040000u   /* execve lays the image out unrandomized */
#define READ_IMPLIES_EXEC  0x0400000u
/* Flags a set-user/group-id execve clears (they would weaken the program). */
#define PER_CLEAR_ON_SETID (READ_IMPLIES_EXEC | ADDR_NO_RANDOMIZE)
#define PERSONALITY_QUERY  0xffffffffu  /* personality(0xffffffff): read, change nothing */

#endif
