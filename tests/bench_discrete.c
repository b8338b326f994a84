/* bench_discrete — how much the accuracy of src/kl/discrete.c costs.
 *
 * Times kl_discrete_divergence (compensated sum, log1p series near p = q,
 * input validation) against the textbook loop sum p log(p/q) on the same
 * vectors, and reports the ratio of their times, which is stable from machine
 * to machine where absolute times are not.  Each timing is the fastest of
 * REPEATS runs of ROUNDS calls, so that a busy machine slows neither side
 * unevenly.  Run: make bench. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "kl/discrete.h"

enum { REPEATS = 7 };

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

static volatile double sink;

static double naive(const double *p, const double *q, size_t n)
{
    double s = 0.0;
    for (size_t i = 0; i < n; i++)
        if (p[i] > 0)
            s += p[i] * log(p[i] / q[i]);
    return s;
}

/* Fastest time of REPEATS runs of ROUNDS evaluations, in seconds. */
static double time_careful(const double *p, const double *q, size_t n, int rounds)
{
    double best = INFINITY;
    for (int r = 0; r < REPEATS; r++) {
        double t0 = now(), d = 0.0;
        for (int k = 0; k < rounds; k++) {
            if (kl_discrete_divergence(p, q, n, KL_BASE_E, &d) != KL_OK)
                exit(1);
            sink += d;
        }
        best = fmin(best, now() - t0);
    }
    return best;
}

static double time_naive(const double *p, const double *q, size_t n, int rounds)
{
    double best = INFINITY;
    for (int r = 0; r < REPEATS; r++) {
        double t0 = now();
        for (int k = 0; k < rounds; k++)
            sink += naive(p, q, n);
        best = fmin(best, now() - t0);
    }
    return best;
}

int main(void)
{
    static const size_t sizes[] = {10, 1000, 100000};
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, 1);
    printf("%-10s %-14s %14s %14s %8s\n", "n", "pair", "careful ns/el",
           "naive ns/el", "ratio");
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        size_t n = sizes[s];
        double *alpha = malloc(n * sizeof *alpha), *p = malloc(n * sizeof *p),
               *q = malloc(n * sizeof *q), *near = malloc(n * sizeof *near);
        if (!alpha || !p || !q || !near)
            return 1;
        for (size_t i = 0; i < n; i++)
            alpha[i] = 1.0;
        gsl_ran_dirichlet(rng, n, alpha, p);
        gsl_ran_dirichlet(rng, n, alpha, q);
        /* a Q within 1% of P: every term takes the log1p series path */
        for (size_t i = 0; i < n; i++)
            near[i] = p[i] * (1.0 + 0.01 * (gsl_rng_uniform(rng) - 0.5));
        kl_discrete_normalize(near, n, near);
        int rounds = (int)(2e7 / n);
        const double *qs[2] = {q, near};
        const char *names[2] = {"random", "nearly equal"};
        for (int k = 0; k < 2; k++) {
            double tc = time_careful(p, qs[k], n, rounds);
            double tn = time_naive(p, qs[k], n, rounds);
            double per = 1e9 / ((double)rounds * n);
            printf("%-10zu %-14s %14.2f %14.2f %8.2f\n", n, names[k], tc * per,
                   tn * per, tc / tn);
        }
        free(alpha);
        free(p);
        free(q);
        free(near);
    }
    gsl_rng_free(rng);
    return 0;
}
