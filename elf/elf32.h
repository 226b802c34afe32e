/*
 * elf32.h - layouts and constants from the ELF specification (System V ABI,
 * "Object Files" chapter) and its i386 supplement, for 32-bit files.
 *
 * Only what an executable loader reads is here: the file header and the
 * program header. Section headers are for linkers and debuggers; the
 * kernel never looks at them.
 *
 * The structs are packed and use the specification's own field names, so
 * the text of the specification can be read against them directly. Packing
 * also means they may be laid over a byte buffer at any offset: the
 * compiler then makes no alignment assumption when reading a field.
 * All values in the files we accept are little-endian (ELFDATA2LSB), the
 * same as the machine, so fields are read as they are.
 */
#ifndef ELF_ELF32_H
#define ELF_ELF32_H

#include <stdint.h>

/* ---- e_ident: the machine-independent first bytes of every ELF file ---- */

#define EI_NIDENT      16      /* size of e_ident */
#define EI_MAG0        0       /* indices into e_ident */
#define EI_MAG1        1
#define EI_MAG2        2
#define EI_MAG3        3
#define EI_CLASS       4       /* word size: ELFCLASS* */
#define EI_DATA        5       /* byte order: ELFDATA* */
#define EI_VERSION     6       /* ELF header version: EV_CURRENT */
#define EI_OSABI       7       /* not checked: Linux accepts 0 and 3 alike */
#define EI_ABIVERSION  8
#define EI_PAD         9       /* first padding byte */

#define ELFMAG0        0x7f    /* e_ident[EI_MAG0..EI_MAG3] */
#define ELFMAG1        'E'
#define ELFMAG2        'L'
#define ELFMAG3        'F'
#define ELFMAG         "\177ELF"
#define SELFMAG        4       /* bytes of ELFMAG */

#define ELFCLASSNONE   0
#define ELFCLASS32     1
#define ELFCLASS64     2

#define ELFDATANONE    0
#define ELFDATA2LSB    1       /* little-endian */
#define ELFDATA2MSB    2       /* big-endian */

#define EV_NONE        0
#define EV_CURRENT     1       /* both e_ident[EI_VERSION] and e_version */

/* ---- e_type ---- */

#define ET_NONE        0
#define ET_REL         1       /* relocatable object (.o) */
#define ET_EXEC        2       /* executable at fixed addresses */
#define ET_DYN         3       /* shared object or position-independent executable */
#define ET_CORE        4

/* ---- e_machine (the few a loader is likely to meet) ---- */

#define EM_NONE        0
#define EM_386         3       /* Intel 80386: the only one we run */
#define EM_ARM         40
#define EM_X86_64      62
#define EM_AARCH64     183

/* Special e_phnum: the real count is in section header 0 (we refuse it). */
#define PN_XNUM        0xffff

/* The file header, at offset 0 of every ELF file. */
struct elf32_ehdr {
	uint8_t  e_ident[EI_NIDENT];
	uint16_t e_type;
	uint16_t e_machine;
	uint32_t e_version;
	uint32_t e_entry;       /* virtual address of the first instruction */
	uint32_t e_phoff;       /* file offset of the program header table */
	uint32_t e_shoff;       /* file offset of the section header table */
	uint32_t e_flags;       /* processor-specific; none defined for i386 */
	uint16_t e_ehsize;      /* size of this header */
	uint16_t e_phentsize;   /* size of one program header */
	uint16_t e_phnum;       /* number of program headers */
	uint16_t e_shentsize;
	uint16_t e_shnum;
	uint16_t e_shstrndx;
} __attribute__((packed));

/* ---- p_type ---- */

#define PT_NULL        0       /* unused entry: ignore */
#define PT_LOAD        1       /* bytes to map: file [p_offset, +p_filesz) at p_vaddr, zero to p_memsz */
#define PT_DYNAMIC     2       /* dynamic linking information */
#define PT_INTERP      3       /* path of the program interpreter (dynamic linker) */
#define PT_NOTE        4
#define PT_SHLIB       5
#define PT_PHDR        6       /* the program header table itself, in memory */
#define PT_TLS         7       /* thread-local storage template */
#define PT_LOOS        0x60000000
#define PT_GNU_EH_FRAME 0x6474e550
#define PT_GNU_STACK   0x6474e551  /* p_flags: permissions the stack wants */
#define PT_GNU_RELRO   0x6474e552  /* made read-only after relocation */
#define PT_GNU_PROPERTY 0x6474e553
#define PT_HIOS        0x6fffffff

/* ---- p_flags ---- */

#define PF_X           0x1     /* execute */
#define PF_W           0x2     /* write */
#define PF_R           0x4     /* read */
#define PF_MASKOS      0x0ff00000
#define PF_MASKPROC    0xf0000000

/* One program header: describes one segment. */
struct elf32_phdr {
	uint32_t p_type;
	uint32_t p_offset;      /* file offset of the segment's first byte */
	uint32_t p_vaddr;       /* virtual address of that byte */
	uint32_t p_paddr;       /* physical address: unused for user programs */
	uint32_t p_filesz;      /* bytes taken from the file */
	uint32_t p_memsz;       /* bytes in memory; the excess over p_filesz is zeroed */
	uint32_t p_flags;       /* PF_* */
	uint32_t p_align;       /* 0 or 1: none; else a power of two */
} __attribute__((packed));

#endif
