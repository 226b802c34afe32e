/*
 * oom.h - what happens when a user page cannot get a frame: Linux's
 * out-of-memory killer, simply.
 *
 * The process holding the most user pages is the victim, as Linux's
 * oom_badness chooses (init, processes already dying, and those sharing
 * the faulting one's memory aside). When it is another process than the
 * faulting one, it is killed with SIGKILL and named on the console, and
 * the faulting access waits for its pages and is tried again: a small
 * process (a shell) that happens to fault while a big one holds every
 * page goes on, and the big one goes. When the faulting process is the
 * biggest (ties too), it is the one: its access fails as it always did
 * (user code killed, a system call's copy -ENOMEM). A victim that is not
 * gone within OOM_VICTIM_TICKS (it cannot die: a vfork parent waiting
 * for its child) is given up on: faults fail as above until it goes.
 */
#ifndef MM_OOM_H
#define MM_OOM_H

#include <stdbool.h>
#include <stdint.h>

/* Called by a fault at addr that found no frame, without any lock held:
 * true when another process was killed (or is still dying) for it and the
 * access should be tried again (the caller has slept a little); false
 * when the faulting process itself is the one to fail. */
bool oom_make_room(uint32_t addr);

#endif
