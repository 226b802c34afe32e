/*
 * usercopy.c - checked copies to and from user space (see usercopy.h).
 */
#include "mm/usercopy.h"
#include "mm/layout.h"
#include "uapi/errno.h"
#include "uapi/sigcontext.h"

#define FXSAVE_ALIGN 16               /* FXSAVE and FXRSTOR fault on anything less */

int usercopy_raw(void *dst, const void *src, size_t n);
int userset_raw(void *dst, int byte, size_t n);
int fxsave_user_raw(void *fx);
int fxrstor_user_raw(const void *fp, uint32_t mxcsr_mask);
/* usercopy_raw.asm's ranges of instructions that touch user memory, each
 * with the address its fault resumes at; the table ends with a zero row. */
struct usercopy_fixup {
	uint32_t start, end, fixup;
};
extern const struct usercopy_fixup usercopy_fixups[], usercopy_probe_fixups[];
extern const struct usercopy_fixup usercopy_gp_fixups[];

bool user_range_ok(uint32_t uaddr, size_t n)
{
	return uaddr < USER_TOP && n <= USER_TOP - uaddr;
}

/* The only places a user pointer becomes a C pointer: inside the checked,
 * fault-safe copies. */
int copy_from_user(void *dst, user_ptr_t usrc, size_t n)
{
	if (!user_range_ok(usrc.addr, n))
		return -EFAULT;
	return usercopy_raw(dst, (const void *)usrc.addr, n);
}

int copy_to_user(user_ptr_t udst, const void *src, size_t n)
{
	if (!user_range_ok(udst.addr, n))
		return -EFAULT;
	return usercopy_raw((void *)udst.addr, src, n);
}

int clear_user(user_ptr_t udst, size_t n)
{
	if (!user_range_ok(udst.addr, n))
		return -EFAULT;
	return userset_raw((void *)udst.addr, 0, n);
}

int fpu_save_to_user(user_ptr_t ufx)
{
	if (!user_range_ok(ufx.addr, FPSTATE_FXSR_SIZE) || ufx.addr % FXSAVE_ALIGN)
		return -EFAULT;
	return fxsave_user_raw((void *)ufx.addr);
}

int fpu_restore_from_user(user_ptr_t ufp, uint32_t mxcsr_mask)
{
	if (!user_range_ok(ufp.addr, FPSTATE_FSAVE_SIZE + FPSTATE_FXSR_SIZE))
		return -EFAULT;
	if ((ufp.addr + FPSTATE_FSAVE_SIZE) % FXSAVE_ALIGN)
		return -EINVAL;
	return fxrstor_user_raw((const void *)ufp.addr, mxcsr_mask);
}

/* At most left bytes from a, not crossing a page end: the next page may
 * not exist, and a string that ends before it must still be read. */
static size_t page_chunk(uint32_t a, size_t left)
{
	size_t chunk = PAGE_SIZE - page_offset(a);
	return chunk < left ? chunk : left;
}

/* Bytes strncpy_from_user copies before it looks for the NUL: a path is
 * short, and copying to the end of its page cost stat and open ~2,000
 * cycles (bench/stat, bench/open_close). */
#define STRNCPY_CHUNK 64

int strncpy_from_user(char *dst, user_ptr_t usrc, size_t max)
{
	size_t done = 0;
	while (done < max) {
		user_ptr_t a = user_ptr_add(usrc, (uint32_t)done);
		size_t chunk = page_chunk(a.addr, max - done);
		if (chunk > STRNCPY_CHUNK)
			chunk = STRNCPY_CHUNK;
		int err = copy_from_user(dst + done, a, chunk);
		if (err)
			return err;
		for (size_t i = 0; i < chunk; i++)
			if (dst[done + i] == '\0')
				return (int)(done + i);
		done += chunk;
	}
	if (max)
		dst[max - 1] = '\0';
	return -ENAMETOOLONG;
}

#define STRNLEN_CHUNK 64              /* bytes read per copy (on the stack) */

long strnlen_user(user_ptr_t usrc, uint32_t max)
{
	char buf[STRNLEN_CHUNK];
	uint32_t done = 0;
	while (done < max) {
		user_ptr_t a = user_ptr_add(usrc, done);
		size_t chunk = page_chunk(a.addr, max - done);
		if (chunk > sizeof(buf))
			chunk = sizeof(buf);
		int err = copy_from_user(buf, a, chunk);
		if (err)
			return err;
		for (size_t i = 0; i < chunk; i++)
			if (buf[i] == '\0')
				return (long)(done + i + 1);
		done += (uint32_t)chunk;
	}
	return (long)max + 1;
}

static uint32_t find_fixup(const struct usercopy_fixup *table, uint32_t eip)
{
	for (const struct usercopy_fixup *f = table; f->start; f++)
		if (eip >= f->start && eip < f->end)
			return f->fixup;
	return 0;
}

uint32_t usercopy_fixup(uint32_t eip) { return find_fixup(usercopy_fixups, eip); }
uint32_t usercopy_probe_fixup(uint32_t eip) { return find_fixup(usercopy_probe_fixups, eip); }
uint32_t usercopy_gp_fixup(uint32_t eip) { return find_fixup(usercopy_gp_fixups, eip); }
