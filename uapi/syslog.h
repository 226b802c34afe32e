/*
 * syslog.h - syslog(2) / klogctl(3): the actions (Linux's
 * include/linux/syslog.h, the numbers glibc's klogctl passes through).
 */
#ifndef UAPI_SYSLOG_H
#define UAPI_SYSLOG_H

#define SYSLOG_ACTION_CLOSE          0
#define SYSLOG_ACTION_OPEN           1
#define SYSLOG_ACTION_READ           2   /* wait for unread text, consume it */
#define SYSLOG_ACTION_READ_ALL       3   /* the whole ring, newest lines that fit */
#define SYSLOG_ACTION_READ_CLEAR     4
#define SYSLOG_ACTION_CLEAR          5
#define SYSLOG_ACTION_CONSOLE_OFF    6
#define SYSLOG_ACTION_CONSOLE_ON     7
#define SYSLOG_ACTION_CONSOLE_LEVEL  8
#define SYSLOG_ACTION_SIZE_UNREAD    9
#define SYSLOG_ACTION_SIZE_BUFFER   10

#endif
