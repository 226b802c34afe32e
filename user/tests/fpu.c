/*
 * fpu.c - x87 and SSE2 state survive a long computation (and, when two
 * copies run at once, context switches). The x87 part uses long double
 * with fsqrt and a polynomial sine (only IEEE-exact operations, no fsin,
 * so real CPUs and emulators agree); the SSE2 part uses __m128d. The
 * whole computation runs twice and both results must be equal exactly.
 * Usage: fpu [ITERATIONS]
 */
#include <emmintrin.h>
#include <stdio.h>
#include <stdlib.h>

#define DEFAULT_ITERATIONS 2000000L
#define STEP 1e-6L

struct result {
    long double x87;
    double sse[2];
};

/* sin(t) by its Taylor series to t^9: good for the small t used here. */
static long double poly_sin(long double t)
{
    long double t2 = t * t;
    return t * (1 - t2 / 6 * (1 - t2 / 20 * (1 - t2 / 42 * (1 - t2 / 72))));
}

static long double x87_sqrt(long double v)
{
    __asm__("fsqrt" : "+t"(v));
    return v;
}

static void compute(long n, struct result *r)
{
    long double x = 0;
    __m128d acc = _mm_setzero_pd(), one = _mm_set1_pd(1.0);
    for (long i = 0; i < n; i++) {
        x += x87_sqrt((long double)i) * poly_sin(i * STEP);
        __m128d v = _mm_set_pd(i + 0.5, (double)i);
        acc = _mm_add_pd(acc, _mm_div_pd(_mm_sqrt_pd(v), _mm_add_pd(v, one)));
    }
    r->x87 = x;
    _mm_storeu_pd(r->sse, acc);
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : DEFAULT_ITERATIONS;
    struct result first, second;

    compute(n, &first);
    compute(n, &second);
    printf("x87=%.10Lf\n", first.x87);
    printf("sse2=%.10f %.10f\n", first.sse[0], first.sse[1]);
    if (first.x87 != second.x87 || first.sse[0] != second.sse[0] ||
        first.sse[1] != second.sse[1]) {
        printf("FAIL: second run differs\n");
        return 1;
    }
    printf("fpu ok\n");
    return 0;
}
