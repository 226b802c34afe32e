/*
 * tls.c - thread-local storage through %gs (set_thread_area): __thread
 * variables keep their initial values, can be modified, and sit where the
 * thread pointer %gs:0 plus their local-exec offset (@ntpoff) says.
 */
#include <stdio.h>
#include <string.h>

__thread int counter = 5;
__thread char buf[64];

#define CHECK(cond, what) do { if (!(cond)) { \
    printf("FAIL: %s\n", what); return 1; } } while (0)

int main(void)
{
    char *tp, *via_gs;
    int direct;

    printf("counter=%d\n", counter);
    counter += 37;
    printf("counter=%d\n", counter);
    CHECK(buf[0] == 0 && buf[sizeof buf - 1] == 0, "__thread buf starts zeroed");
    strcpy(buf, "thread-local buffer");
    printf("buf=%s\n", buf);

    /* %gs:0 holds the thread pointer (the TCB points to itself). */
    __asm__ volatile("movl %%gs:0, %0" : "=r"(tp));
    __asm__ volatile("movl $counter@ntpoff, %0\n\taddl %1, %0"
                     : "=&r"(via_gs) : "r"(tp));
    CHECK(via_gs == (char *)&counter, "&counter == %gs:0 + counter@ntpoff");
    __asm__ volatile("movl $buf@ntpoff, %0\n\taddl %1, %0"
                     : "=&r"(via_gs) : "r"(tp));
    CHECK(via_gs == buf, "&buf == %gs:0 + buf@ntpoff");
    /* A load through the %gs segment reads the same variable. */
    __asm__ volatile("movl %%gs:counter@ntpoff, %0" : "=r"(direct));
    CHECK(direct == counter, "%gs:counter@ntpoff reads counter");
    printf("tls ok\n");
    return 0;
}
