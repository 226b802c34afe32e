/*
 * rtc.c - read the MC146818 CMOS clock (BCD or binary, 12 or 24 hour),
 * waiting out an update in progress, and turn it into Unix time.
 */
#include "drivers/rtc.h"
#include "kernel/x86.h"

#define CMOS_INDEX   0x70
#define CMOS_DATA    0x71
#define REG_SECONDS  0x00
#define REG_MINUTES  0x02
#define REG_HOURS    0x04
#define REG_DAY      0x07
#define REG_MONTH    0x08
#define REG_YEAR     0x09
#define REG_STATUS_A 0x0a
#define REG_STATUS_B 0x0b
#define STATUS_A_UIP 0x80     /* update in progress */
#define STATUS_B_24H 0x02
#define STATUS_B_BIN 0x04
#define HOUR_PM      0x80

static uint8_t cmos(uint8_t reg)
{
	outb(CMOS_INDEX, reg);
	return inb(CMOS_DATA);
}

static uint32_t bcd(uint8_t v) { return (v & 0x0f) + (v >> 4) * 10; }

/* Days from 1970-01-01 to y-m-d (civil calendar). */
static uint64_t days_from_civil(uint32_t y, uint32_t m, uint32_t d)
{
	y -= m <= 2;
	uint32_t era = y / 400, yoe = y - era * 400;
	uint32_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	uint32_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (uint64_t)era * 146097 + doe - 719468;
}

uint64_t rtc_read_epoch(void)
{
	while (cmos(REG_STATUS_A) & STATUS_A_UIP)
		;
	uint8_t sec = cmos(REG_SECONDS), min = cmos(REG_MINUTES), hour = cmos(REG_HOURS);
	uint8_t day = cmos(REG_DAY), mon = cmos(REG_MONTH), year = cmos(REG_YEAR);
	uint8_t b = cmos(REG_STATUS_B);
	bool pm = hour & HOUR_PM;
	hour &= ~HOUR_PM;
	if (!(b & STATUS_B_BIN)) {
		sec = bcd(sec), min = bcd(min), hour = bcd(hour);
		day = bcd(day), mon = bcd(mon), year = bcd(year);
	}
	if (!(b & STATUS_B_24H) && pm)
		hour = (hour % 12) + 12;
	uint64_t days = days_from_civil(2000u + year, mon, day);
	return days * 86400 + hour * 3600u + min * 60u + sec;
}
