/*
 * cpio.c - bounds-checked reader for "newc" cpio archives (format, name
 * rules and error semantics are described in cpio.h).
 *
 * The archive is untrusted input. Every offset kept here is <= it->size,
 * and a length read from a header is only ever compared with the bytes
 * that remain (size - off), never added to an offset before that check,
 * so hostile sizes such as 0xFFFFFFFF cannot wrap 32-bit arithmetic.
 * The archive is read a byte at a time through the packed header struct,
 * so it need not be aligned in memory; the 4-byte padding of the format is
 * counted from the archive's first byte.
 *
 * Built for the kernel (freestanding, no libc) and for host unit tests
 * (-DHOST_TEST), so it calls no library functions and assumes nothing
 * about pointer size.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fs/cpio.h"
#include "uapi/errno.h"

#define HEX_BASE       16
#define HEX_LETTER_VAL 10       /* value of 'a' / 'A' */
#define NOT_HEX        (-1)

/* The header's numeric fields, decoded. */
struct cp_fields {
	uint32_t ino, mode, uid, gid, nlink, mtime, filesize;
	uint32_t devmajor, devminor, rdevmajor, rdevminor, namesize, check;
};

static bool cp_memeq(const void *a, const void *b, uint32_t n)
{
	const uint8_t *x = a, *y = b;

	for (uint32_t i = 0; i < n; i++)
		if (x[i] != y[i])
			return false;
	return true;
}

static uint32_t cp_strlen(const char *s)
{
	uint32_t n = 0;

	while (s[n] != '\0')
		n++;
	return n;
}

static int cp_hexval(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + HEX_LETTER_VAL;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + HEX_LETTER_VAL;
	return NOT_HEX;
}

/*
 * Decode one field of exactly CPIO_FIELD_LEN hex digits. Eight hex digits
 * are 32 bits, so the value cannot overflow. No sign, no blanks, no "0x".
 */
static int cp_field(const char f[CPIO_FIELD_LEN], uint32_t *out)
{
	uint32_t v = 0;

	for (int i = 0; i < CPIO_FIELD_LEN; i++) {
		int d = cp_hexval(f[i]);

		if (d == NOT_HEX)
			return -EINVAL;
		v = v * HEX_BASE + (uint32_t)d;
	}
	*out = v;
	return 0;
}

/* Decode every numeric field; any bad digit fails the whole header. */
static int cp_parse_fields(const struct cpio_newc_header *h, struct cp_fields *f)
{
	if (cp_field(h->c_ino, &f->ino) || cp_field(h->c_mode, &f->mode) ||
	    cp_field(h->c_uid, &f->uid) || cp_field(h->c_gid, &f->gid) ||
	    cp_field(h->c_nlink, &f->nlink) || cp_field(h->c_mtime, &f->mtime) ||
	    cp_field(h->c_filesize, &f->filesize) ||
	    cp_field(h->c_devmajor, &f->devmajor) ||
	    cp_field(h->c_devminor, &f->devminor) ||
	    cp_field(h->c_rdevmajor, &f->rdevmajor) ||
	    cp_field(h->c_rdevminor, &f->rdevminor) ||
	    cp_field(h->c_namesize, &f->namesize) ||
	    cp_field(h->c_check, &f->check))
		return -EINVAL;
	return 0;
}

/*
 * Step from off (<= size) over the padding to the next CPIO_ALIGN
 * boundary. If the archive ends inside the padding, stop at its end: the
 * padding carries nothing, and the next read then sees a clean end.
 */
static uint32_t cp_skip_pad(uint32_t off, uint32_t size)
{
	uint32_t pad = (CPIO_ALIGN - off % CPIO_ALIGN) % CPIO_ALIGN;

	return pad <= size - off ? off + pad : size;
}

/*
 * Remove leading "/" and "./" (in any mix and number) from the len bytes
 * at *s, then turn a lone "." (the top directory) into "". s[len] must be
 * the terminating NUL, which the result keeps pointing before.
 */
static void cp_strip(const char **s, uint32_t *len)
{
	const char *p = *s;
	uint32_t n = *len;

	for (;;) {
		if (n >= 1 && p[0] == '/') {
			p++;
			n--;
		} else if (n >= 2 && p[0] == '.' && p[1] == '/') {
			p += 2;
			n -= 2;
		} else {
			break;
		}
	}
	if (n == 1 && p[0] == '.') {
		p++;
		n--;
	}
	*s = p;
	*len = n;
}

/* Whether some '/'-separated component of the len bytes at s is "..". */
static bool cp_has_dotdot(const char *s, uint32_t len)
{
	uint32_t start = 0;

	for (uint32_t i = 0; i <= len; i++) {
		if (i == len || s[i] == '/') {
			if (i - start == 2 && s[start] == '.' && s[start + 1] == '.')
				return true;
			start = i + 1;
		}
	}
	return false;
}

/* Whether name (namesize bytes, in bounds) has its one NUL at the end. */
static bool cp_name_terminated(const char *name, uint32_t namesize)
{
	for (uint32_t i = 0; i + 1 < namesize; i++)
		if (name[i] == '\0')
			return false;   /* a NUL inside would hide the rest */
	return name[namesize - 1] == '\0';
}

static bool cp_is_trailer(const char *name, uint32_t namesize)
{
	return namesize == sizeof(CPIO_TRAILER_NAME) &&
	       cp_memeq(name, CPIO_TRAILER_NAME, namesize);
}

static bool cp_magic_ok(const struct cpio_newc_header *h)
{
	return cp_memeq(h->c_magic, CPIO_MAGIC_NEWC, CPIO_MAGIC_LEN) ||
	       cp_memeq(h->c_magic, CPIO_MAGIC_NEWC_CRC, CPIO_MAGIC_LEN);
}

void cpio_iter_init(struct cpio_iter *it, const void *archive, uint32_t size)
{
	it->base = archive;
	it->size = archive != NULL ? size : 0;
	it->off = 0;
	it->done = false;
}

int cpio_next(struct cpio_iter *it, struct cpio_entry *e)
{
	const struct cpio_newc_header *h;
	struct cp_fields f;
	const char *name;
	uint32_t name_off, data_off, namelen;

	if (it->done)
		return 0;
	if (it->off == it->size) {
		it->done = true;        /* no trailer, but a clean end */
		return 0;
	}
	if (it->size - it->off < CPIO_HEADER_SIZE)
		return -EINVAL;
	h = (const struct cpio_newc_header *)(it->base + it->off);
	if (!cp_magic_ok(h) || cp_parse_fields(h, &f) != 0)
		return -EINVAL;

	name_off = it->off + CPIO_HEADER_SIZE;
	if (f.namesize == 0 || f.namesize > it->size - name_off)
		return -EINVAL;
	name = (const char *)(it->base + name_off);
	if (!cp_name_terminated(name, f.namesize))
		return -EINVAL;
	if (cp_is_trailer(name, f.namesize)) {
		it->done = true;        /* what follows is padding, not entries */
		return 0;
	}
	namelen = f.namesize - 1;
	cp_strip(&name, &namelen);
	if (cp_has_dotdot(name, namelen))
		return -EINVAL;         /* would escape the directory it unpacks into */

	data_off = cp_skip_pad(name_off + f.namesize, it->size);
	if (f.filesize > it->size - data_off)
		return -EINVAL;

	e->name = name;
	e->namelen = namelen;
	e->mode = f.mode;
	e->uid = f.uid;
	e->gid = f.gid;
	e->nlink = f.nlink;
	e->mtime = f.mtime;
	e->ino = f.ino;
	e->rdevmajor = f.rdevmajor;
	e->rdevminor = f.rdevminor;
	e->data = it->base + data_off;
	e->size = f.filesize;
	it->off = cp_skip_pad(data_off + f.filesize, it->size);
	return 1;
}

int cpio_find(const void *archive, uint32_t size, const char *path,
	      struct cpio_entry *e)
{
	struct cpio_iter it;
	struct cpio_entry cur, hit;
	uint32_t len;
	bool found = false;
	int r;

	if (path == NULL)
		return -EINVAL;
	len = cp_strlen(path);
	cp_strip(&path, &len);

	cpio_iter_init(&it, archive, size);
	while ((r = cpio_next(&it, &cur)) == 1) {
		if (cur.namelen == len && cp_memeq(cur.name, path, len)) {
			hit = cur;      /* keep going: a later entry replaces it */
			found = true;
		}
	}
	if (r < 0)
		return r;
	if (!found)
		return -ENOENT;
	*e = hit;
	return 0;
}
