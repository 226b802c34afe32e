/*
 * futex.h - futexes (proc/futex.c), for the rest of proc/.
 */
#ifndef PROC_FUTEX_H
#define PROC_FUTEX_H

#include "mm/usercopy.h"

struct thread;

/* FUTEX_WAKE (not private) of up to n waiters on the word at uaddr: how
 * many woke (a dying thread's clear_child_tid, a robust futex). */
int futex_wake_shared(user_ptr_t uaddr, int n);
/* The dying thread t's robust futexes (set_robust_list) are marked
 * FUTEX_OWNER_DIED and a waiter of each woken, as Linux's exit_robust_list. */
void futex_exit_robust_list(struct thread *t);
/* The dying thread t (the current one) hands every PI futex it owns with
 * waiters to the first of them, FUTEX_OWNER_DIED set (proc/futex_pi.c). */
void futex_exit_pi(struct thread *t);

#endif
