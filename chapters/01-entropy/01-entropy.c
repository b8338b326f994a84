/* 01-entropy — Chapter 1: information and entropy.
 *
 * Experiments: the information content of an outcome in bits and nats; the
 * entropy of a small distribution as an area; the Bernoulli entropy curve and
 * its 1-bit peak; the uniform distribution as the maximum, on random
 * distributions drawn from Dirichlet laws; the differential entropy of a
 * Gaussian against quadrature, its sign, and its link to discrete entropy.
 *
 * Run: output/build/bin/01-entropy [OUTPUT-FOLDER]   (make chapter-01)
 * Change a parameter below, then `make chapter-01` reruns what depends on it. */
#define _DEFAULT_SOURCE /* M_PI, M_E, M_LN2 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_min.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sf_psi.h>
#include <gsl/gsl_statistics_double.h>

#include "book/book.h"
#include "kl/density.h"
#include "kl/discrete.h"
#include "kl/gaussian.h"

/* >>> parameters */
enum { DRAWS = 100000 };                    /* random distributions per size */
static const size_t SIZES[] = {2, 3, 10, 100};  /* alphabet sizes K */
static const double ALPHA = 1.0;            /* Dirichlet concentration */
static const unsigned long SEED = 20261122; /* fixed: the book is reproducible */
/* <<< parameters */
enum { NSIZES = sizeof SIZES / sizeof SIZES[0], MAXK = 100, BINS = 50 };

static struct book *B;

static void ok(enum kl_status st, const char *what)
{
    if (st != KL_OK)
        book_fail(B, "%s: %s", what, kl_strerror(st));
}

/* -- 1. Information content ------------------------------------------------ */

/* >>> information */
/* The information content of an outcome of probability p, in base b:
 * I(p) = -log_b p = -ln p / ln b. */
static double information(double p, double base)
{
    return -log(p) / log(base);
}
/* <<< information */

static void information_figure(void)
{
    FILE *f = book_data(B, "information.tsv",
                        "information content of an outcome of probability p",
                        "p\tbits\tnats");
    for (int i = 0; i <= 400; i++) {
        double p = pow(10.0, -2.0 + 2.0 * i / 400.0);
        fprintf(f, "%.6g\t%.10g\t%.10g\n", p, information(p, 2.0),
                information(p, M_E));
    }
    book_close_file(B, f);

    f = book_data(B, "information-marks.tsv",
                  "outcomes of probability 1/2, 1/4, 1/8, 1/16",
                  "p\tbits\tlabel");
    for (int k = 1; k <= 4; k++) {
        double p = ldexp(1.0, -k);
        fprintf(f, "%.6g\t%.10g\t%d bit%s\n", p, information(p, 2.0), k,
                k == 1 ? "" : "s");
    }
    book_close_file(B, f);

    f = book_figure(B, "fig-information", 720, 420);
    fputs("set xlabel \"probability of the outcome, p\"\n"
          "set ylabel \"information content −log p\"\n"
          "set logscale x\n"
          "set xrange [0.01:1]\n"
          "set yrange [0:7]\n"
          "set format x \"%g\"\n"
          "set key top right\n"
          "plot \"information.tsv\" using 1:2 with lines lt 1 title \"bits (log₂)\", \\\n"
          "     \"\" using 1:3 with lines lt 2 title \"nats (ln)\", \\\n"
          "     \"information-marks.tsv\" using 1:2 with points lt 1 pt 7 ps 1 notitle, \\\n"
          "     \"\" using 1:2:3 with labels left offset 0.8,0.6 font \",11\" notitle\n",
          f);
    book_close_file(B, f);

    book_value(B, "info_half_bits", information(0.5, 2.0), 4);
    book_value(B, "info_half_nats", information(0.5, M_E), 4);
    book_value(B, "info_hundredth_bits", information(0.01, 2.0), 4);
    book_value(B, "info_hundredth_nats", information(0.01, M_E), 4);
    book_value(B, "nats_per_bit", M_LN2, 6);
    book_value(B, "bits_per_nat", 1.0 / M_LN2, 6);
}

/* -- 2. Entropy as expected information: a worked example ----------------- */

static void weather_example(void)
{
    static const char *const outcome[] = {"sun", "cloud", "rain", "snow"};
    /* >>> weather */
    double p[] = {0.5, 0.25, 0.125, 0.125};
    double h_bits, h_nats;
    ok(kl_discrete_entropy(p, 4, 2.0, &h_bits), "weather entropy");
    ok(kl_discrete_entropy(p, 4, KL_BASE_E, &h_nats), "weather entropy");
    /* <<< weather */

    /* Each outcome is a bar p wide and I(p) tall: the entropy is their area. */
    FILE *f = book_data(B, "weather.tsv",
                        "outcomes as bars: width p, height -log2 p",
                        "outcome\tp\tbits\tleft\tcentre\tarea");
    double left = 0.0, area = 0.0;
    for (int i = 0; i < 4; i++) {
        double I = information(p[i], 2.0);
        fprintf(f, "%s\t%.6g\t%.10g\t%.6g\t%.6g\t%.10g\n", outcome[i], p[i], I,
                left, left + p[i] / 2, p[i] * I);
        left += p[i];
        area += p[i] * I;
    }
    book_close_file(B, f);

    f = book_figure(B, "fig-weather", 720, 400);
    fputs("set xlabel \"cumulative probability (each bar is p wide)\"\n"
          "set ylabel \"information content −log₂ p (bits)\"\n"
          "set xrange [0:1]\n"
          "set yrange [0:3.6]\n"
          "set style fill solid 0.55 border lc rgb \"#333333\"\n"
          "set key top left\n",
          f);
    fprintf(f, "set arrow from 0,%.10g to 1,%.10g nohead lt 2 dt 2 lw 2 front\n",
            h_bits, h_bits);
    fprintf(f, "set label \"mean height = entropy = %.4g bits\" at 0.02,%.10g "
               "offset 0,0.7 textcolor lt 2\n", h_bits, h_bits);
    fputs("plot \"weather.tsv\" using 5:3:2 with boxes lt 1 notitle, \\\n"
          "     \"\" using 5:3:(sprintf(\"%s\\np = %g\", stringcolumn(1), $2)) "
          "with labels offset 0,1.4 font \",11\" notitle\n",
          f);
    book_close_file(B, f);

    book_value(B, "weather_h_bits", h_bits, 4);
    book_value(B, "weather_h_nats", h_nats, 6);
    /* 1/2 * 1 + 1/4 * 2 + 1/8 * 3 + 1/8 * 3 = 7/4, by hand */
    book_claim_abs(B, "weather: H = ½·1 + ¼·2 + ⅛·3 + ⅛·3 = 7/4 bits", 1.75,
                   h_bits, 1e-15);
    book_claim_rel(B, "weather: the area of the bars equals H(P) in bits",
                   h_bits, area, 1e-15);
    book_claim_rel(B, "weather: H in nats = H in bits × ln 2", h_bits * M_LN2,
                   h_nats, 1e-15);
}

/* -- 3. The Bernoulli entropy curve --------------------------------------- */

/* >>> bernoulli */
/* H(Bern(p)) in bits, through the library: the distribution (p, 1 - p). */
static double bernoulli_entropy(double p, void *unused)
{
    (void)unused;
    double dist[2] = {p, 1.0 - p}, h;
    ok(kl_discrete_entropy(dist, 2, 2.0, &h), "Bernoulli entropy");
    return h;
}

static double minus_bernoulli_entropy(double p, void *unused)
{
    return -bernoulli_entropy(p, unused);
}

/* The maximiser of H(Bern(p)), by Brent's method on -H over (0, 1). */
static double bernoulli_argmax(void)
{
    gsl_function F = {minus_bernoulli_entropy, NULL};
    gsl_min_fminimizer *s = gsl_min_fminimizer_alloc(gsl_min_fminimizer_brent);
    if (s == NULL || gsl_min_fminimizer_set(s, &F, 0.3, 0.01, 0.99) != GSL_SUCCESS)
        book_fail(B, "cannot start the minimiser");
    int status = GSL_CONTINUE;
    for (int iter = 0; iter < 200 && status == GSL_CONTINUE; iter++) {
        if (gsl_min_fminimizer_iterate(s) != GSL_SUCCESS)
            book_fail(B, "the minimiser failed");
        status = gsl_min_test_interval(gsl_min_fminimizer_x_lower(s),
                                       gsl_min_fminimizer_x_upper(s), 1e-7, 0.0);
    }
    double x = gsl_min_fminimizer_x_minimum(s);
    gsl_min_fminimizer_free(s);
    if (status != GSL_SUCCESS)
        book_fail(B, "the minimiser did not converge");
    return x;
}
/* <<< bernoulli */

static void bernoulli(void)
{
    enum { N = 1000 };
    FILE *f = book_data(B, "bernoulli.tsv", "entropy of Bern(p) in bits",
                        "p\tH_bits");
    double max_asym = 0.0;
    for (int i = 0; i <= N; i++) {
        double p = (double)i / N;
        double h = bernoulli_entropy(p, NULL);
        fprintf(f, "%.6g\t%.12g\n", p, h);
        max_asym = fmax(max_asym, fabs(h - bernoulli_entropy(1.0 - p, NULL)));
    }
    book_close_file(B, f);

    double pstar = bernoulli_argmax();
    double hstar = bernoulli_entropy(pstar, NULL);
    double h01 = bernoulli_entropy(0.1, NULL);
    double h11 = bernoulli_entropy(0.11, NULL);

    f = book_figure(B, "fig-bernoulli", 720, 420);
    fputs("set xlabel \"p = P(X = 1)\"\n"
          "set ylabel \"H(Bern(p)) (bits)\"\n"
          "set xrange [0:1]\n"
          "set yrange [0:1.12]\n"
          "set key bottom center\n",
          f);
    fprintf(f, "set label \"maximum 1 bit at p = ½\" at %.10g,%.10g center offset 0,1.2\n",
            pstar, hstar);
    fprintf(f, "set label \"p = 0.1: %.3f bits\" at 0.1,%.10g left offset 1.2,-0.2\n",
            h01, h01);
    fprintf(f, "plot \"bernoulli.tsv\" using 1:2 with lines lt 1 title \"H(p) = −p log₂ p − (1−p) log₂(1−p)\", \\\n"
               "     \"-\" using 1:2 with points lt 2 pt 7 ps 1.2 notitle\n"
               "%.10g\t%.10g\n0.1\t%.10g\ne\n", pstar, hstar, h01);
    book_close_file(B, f);

    book_value(B, "bern_argmax", pstar, 8);
    book_value(B, "bern_h01", h01, 3);
    book_value(B, "bern_h11", h11, 3);
    book_claim_abs(B, "Bernoulli: Brent's method puts the maximum of H at p = ½",
                   0.5, pstar, 1e-7);
    book_claim_abs(B, "Bernoulli: the maximum is 1 bit", 1.0, hstar, 1e-14);
    book_claim_le(B, "Bernoulli: H(p) = H(1 − p) on the grid (largest gap)",
                  max_asym, 0.0, 1e-15);
}

/* -- 4. The uniform distribution has the largest entropy ------------------ */

/* E[H(P)] for P ~ Dirichlet(alpha, ..., alpha) on K outcomes, in nats:
 * psi(K alpha + 1) - psi(alpha + 1) (Wolpert & Wolf, Phys. Rev. E 52, 1995). */
static double dirichlet_mean_entropy(size_t k, double alpha)
{
    return gsl_sf_psi(k * alpha + 1.0) - gsl_sf_psi(alpha + 1.0);
}

static void uniform_maximum(void)
{
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    double *h = book_malloc(B, DRAWS * sizeof *h);
    double hist[NSIZES][BINS] = {{0}};
    if (rng == NULL)
        book_fail(B, "out of memory");
    gsl_rng_set(rng, SEED);
    long total = 0;
    double worst_excess = -INFINITY;
    for (size_t s = 0; s < NSIZES; s++) {
        size_t k = SIZES[s];
        double alpha[MAXK], p[MAXK], u[MAXK], hmax = -INFINITY;
        for (size_t i = 0; i < k; i++) {
            alpha[i] = ALPHA;
            u[i] = 1.0 / k;
        }
        /* >>> dirichlet */
        double log_k;
        ok(kl_discrete_entropy(u, k, KL_BASE_E, &log_k), "uniform entropy");
        for (int d = 0; d < DRAWS; d++) {
            gsl_ran_dirichlet(rng, k, alpha, p);
            ok(kl_discrete_entropy(p, k, KL_BASE_E, &h[d]), "entropy");
            hmax = fmax(hmax, h[d]);
        }
        /* <<< dirichlet */
        total += DRAWS;
        for (int d = 0; d < DRAWS; d++) {
            int bin = (int)(h[d] / log_k * BINS);
            hist[s][bin < BINS ? bin : BINS - 1] += 1.0;
        }
        double mean = gsl_stats_mean(h, 1, DRAWS);
        double se = gsl_stats_sd_m(h, 1, DRAWS, mean) / sqrt((double)DRAWS);
        double expect = dirichlet_mean_entropy(k, ALPHA);
        worst_excess = fmax(worst_excess, hmax - log_k);

        char text[200], name[64];
        snprintf(text, sizeof text,
                 "K = %zu: H(uniform) = ln K", k);
        book_claim_rel(B, text, log((double)k), log_k, 1e-15);
        snprintf(text, sizeof text,
                 "K = %zu: no random P has H(P) > ln K (largest H − ln K)", k);
        book_claim_le(B, text, hmax - log_k, 0.0, 1e-13);
        snprintf(text, sizeof text,
                 "K = %zu: mean H of Dirichlet(α) draws = ψ(Kα+1) − ψ(α+1)", k);
        book_claim_sigma(B, text, expect, mean, se, 4.0);

        snprintf(name, sizeof name, "maxent_k%zu_hmax_frac", k);
        book_value(B, name, hmax / log_k, 4);
        snprintf(name, sizeof name, "maxent_k%zu_mean_frac", k);
        book_value(B, name, mean / log_k, 3);
    }
    free(h);
    gsl_rng_free(rng);

    FILE *f = book_data(B, "maxent.tsv",
                        "histogram of H(P)/ln K over Dirichlet(1) draws, "
                        "as a density on [0, 1]",
                        "h_over_lnK\tK2\tK3\tK10\tK100");
    for (int i = 0; i < BINS; i++) {
        fprintf(f, "%.6g", (i + 0.5) / BINS);
        for (size_t s = 0; s < NSIZES; s++)
            fprintf(f, "\t%.6g", hist[s][i] * BINS / DRAWS);
        fputc('\n', f);
    }
    book_close_file(B, f);

    f = book_figure(B, "fig-maxent", 720, 440);
    fputs("set xlabel \"entropy as a fraction of its bound, H(P) / ln K\"\n"
          "set ylabel \"density of draws\"\n"
          "set xrange [0:1.08]\n"
          "set yrange [0:*]\n"
          "set key top left\n"
          "set arrow from 1,graph 0 to 1,graph 1 nohead lt 7 dt 2 lw 1.5\n"
          "set label \"uniform: H = ln K\" at 1,graph 0.55 center rotate by 90 offset 1.3,0\n"
          "plot \"maxent.tsv\" using 1:2 with histeps lt 1 title \"K = 2\", \\\n"
          "     \"\" using 1:3 with histeps lt 2 title \"K = 3\", \\\n"
          "     \"\" using 1:4 with histeps lt 3 title \"K = 10\", \\\n"
          "     \"\" using 1:5 with histeps lt 4 title \"K = 100\"\n",
          f);
    book_close_file(B, f);

    book_value_int(B, "maxent_draws", DRAWS);
    book_value_int(B, "maxent_total", total);
    book_value(B, "maxent_worst_excess", worst_excess, 2);
}

/* -- 5. Differential entropy of a Gaussian -------------------------------- */

static void gaussian_entropy(void)
{
    static const double sigmas[] = {0.01, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 100};
    enum { NSIG = sizeof sigmas / sizeof sigmas[0] };
    double worst = 0.0, quad01 = NAN;
    FILE *f = book_data(B, "gauss-entropy-quad.tsv",
                        "differential entropy of N(0, sigma^2) by quadrature",
                        "sigma\th_quad\th_closed\tabserr");
    for (int i = 0; i < NSIG; i++) {
        /* >>> gauss-entropy */
        struct kl_gaussian g = {0.0, sigmas[i]};
        struct kl_density p = kl_gaussian_density(&g);
        struct kl_quad_result quad;
        double closed;
        ok(kl_density_entropy(&p, NULL, &quad), "quadrature");
        ok(kl_gaussian_entropy(sigmas[i], &closed), "closed form");
        /* <<< gauss-entropy */
        worst = fmax(worst, fabs(quad.value - closed) / fabs(closed));
        fprintf(f, "%.6g\t%.15g\t%.15g\t%.3g\n", sigmas[i], quad.value, closed,
                quad.abserr);
        if (sigmas[i] == 1.0) {
            book_value(B, "h_std_normal", closed, 6);
            book_value(B, "h_std_normal_quad", quad.value, 12);
            book_value(B, "h_std_normal_err", quad.abserr, 2);
        }
        if (sigmas[i] == 0.1) {
            book_value(B, "h_sigma01", closed, 4);
            quad01 = quad.value;
        }
    }
    book_close_file(B, f);
    book_claim_le(B, "Gaussian: ½ ln(2πeσ²) = quadrature, σ from 0.01 to 100 "
                  "(worst relative error)", worst, 0.0, 1e-10);

    f = book_data(B, "gauss-entropy.tsv", "h(N(0, sigma^2)) = ln(sigma sqrt(2 pi e))",
                  "sigma\th_nats");
    for (int i = 0; i <= 400; i++) {
        double s = pow(10.0, -2.0 + 4.0 * i / 400.0), h;
        ok(kl_gaussian_entropy(s, &h), "closed form");
        fprintf(f, "%.6g\t%.10g\n", s, h);
    }
    book_close_file(B, f);

    double sigma0 = 1.0 / sqrt(2.0 * M_PI * M_E), h0;
    ok(kl_gaussian_entropy(sigma0, &h0), "closed form");
    struct kl_gaussian g0 = {0.0, sigma0};
    struct kl_density p0 = kl_gaussian_density(&g0);
    struct kl_quad_result q0;
    /* the value is zero, so ask for an absolute tolerance */
    struct kl_quad abs_tol = {1e-14, 0.0, 1000};
    ok(kl_density_entropy(&p0, &abs_tol, &q0), "quadrature");
    book_claim_abs(B, "Gaussian: h = 0 at σ₀ = 1/√(2πe) (quadrature)", 0.0,
                   q0.value, 1e-12);
    book_claim_le(B, "Gaussian: h(N(0, 0.1²)) is negative (quadrature)",
                  quad01, 0.0, 0.0);
    book_value(B, "sigma0", sigma0, 4);
    book_value(B, "peak_sigma01", 1.0 / (0.1 * sqrt(2 * M_PI)), 3);

    f = book_figure(B, "fig-gauss-entropy", 720, 440);
    fputs("set xlabel \"standard deviation σ\"\n"
          "set ylabel \"differential entropy h (nats)\"\n"
          "set logscale x\n"
          "set xrange [0.01:100]\n"
          "set yrange [-3.8:6.5]\n"
          "set format x \"%g\"\n"
          "set key top left\n"
          "set arrow from 0.01,0 to 100,0 nohead lt 7 lw 1\n",
          f);
    fprintf(f, "set object 1 rect from 0.01,-3.8 to %.10g,0 behind "
               "fc rgb \"#D55E00\" fillstyle transparent solid 0.10 noborder\n",
            sigma0);
    fprintf(f, "set label \"h < 0 for σ < 1/√(2πe) ≈ %.3f\" at 0.02,-3.4 left\n",
            sigma0);
    fputs("plot \"gauss-entropy.tsv\" using 1:2 with lines lt 1 title \"½ ln(2πeσ²)\", \\\n"
          "     \"gauss-entropy-quad.tsv\" using 1:2 with points lt 2 pt 6 ps 1.3 "
          "title \"adaptive quadrature (GSL qagi)\"\n",
          f);
    book_close_file(B, f);
}

/* The quadrature value of h(N(0, sigma^2)). */
static double quad_entropy(double sigma)
{
    struct kl_gaussian g = {0.0, sigma};
    struct kl_density p = kl_gaussian_density(&g);
    struct kl_quad_result q;
    ok(kl_density_entropy(&p, NULL, &q), "quadrature");
    return q.value;
}

/* -- 6. Differential entropy as a limit of discrete entropy --------------- */

/* >>> discretize */
/* Entropy of X ~ N(0, sigma^2) rounded to bins of width delta: the bins'
 * probabilities come from the normal CDF (GSL), out to 12 sigma. */
static double binned_entropy(double sigma, double delta)
{
    size_t half = (size_t)ceil(12.0 * sigma / delta);
    size_t n = 2 * half;
    double *p = book_malloc(B, n * sizeof *p), h;
    for (size_t i = 0; i < n; i++) {
        double a = ((double)i - (double)half) * delta;
        /* the tail that is smaller, for accuracy */
        p[i] = a >= 0 ? gsl_cdf_gaussian_Q(a, sigma) - gsl_cdf_gaussian_Q(a + delta, sigma)
                      : gsl_cdf_gaussian_P(a + delta, sigma) - gsl_cdf_gaussian_P(a, sigma);
    }
    ok(kl_discrete_normalize(p, n, p), "bin probabilities");
    ok(kl_discrete_entropy(p, n, KL_BASE_E, &h), "binned entropy");
    free(p);
    return h;
}
/* H(X_delta) + ln(delta) -> h(X) as delta -> 0 (Cover & Thomas, Thm 8.3.1) */
/* <<< discretize */

static void discretize(void)
{
    const double sigmas[] = {0.1, 1.0};
    FILE *f = book_data(B, "discretize.tsv",
                        "binned entropy plus ln(delta) against bin width",
                        "delta_over_sigma\tH_plus_ln_delta_s01\tH_s01\t"
                        "H_plus_ln_delta_s1\tH_s1");
    double last[2] = {0, 0}, lastH[2] = {0, 0};
    for (int i = 0; i <= 30; i++) {
        double r = pow(10.0, 0.5 - 3.5 * i / 30.0); /* delta / sigma */
        fprintf(f, "%.6g", r);
        for (int s = 0; s < 2; s++) {
            double delta = r * sigmas[s];
            double H = binned_entropy(sigmas[s], delta);
            last[s] = H + log(delta);
            lastH[s] = H;
            fprintf(f, "\t%.12g\t%.12g", last[s], H);
        }
        fputc('\n', f);
    }
    book_close_file(B, f);

    double h01 = quad_entropy(0.1), h1 = quad_entropy(1.0);
    char h01s[64], h1s[64];
    book_format(h01, 5, 1, h01s, sizeof h01s); /* true minus sign */
    book_format(h1, 5, 1, h1s, sizeof h1s);
    book_claim_abs(B, "σ = 1: H(binned, Δ = 10⁻³σ) + ln Δ → h(N(0,1))", h1,
                   last[1], 1e-6);
    book_claim_abs(B, "σ = 0.1: H(binned, Δ = 10⁻³σ) + ln Δ → h(N(0,0.01))",
                   h01, last[0], 1e-6);
    book_claim_ge(B, "σ = 0.1: the binned entropy itself stays positive",
                  lastH[0], 0.0, 0.0);
    book_value(B, "disc_H_s01", lastH[0], 4);
    book_value(B, "disc_lndelta_s01", log(1e-3 * 0.1), 4);

    f = book_figure(B, "fig-discretize", 720, 440);
    fprintf(f, "set xlabel \"bin width Δ / σ\"\n"
               "set ylabel \"H(X_Δ) + ln Δ (nats)\"\n"
               "set logscale x\n"
               "set xrange [0.001:3.2]\n"
               "set yrange [-1.6:2.0]\n"
               "set format x \"%%g\"\n"
               "set key top center\n"
               "set arrow from 0.001,%.10g to 3.2,%.10g nohead lt 1 dt 2 lw 1.5\n"
               "set arrow from 0.001,%.10g to 3.2,%.10g nohead lt 2 dt 2 lw 1.5\n"
               "set label \"h = %s\" at 0.0012,%.10g offset 0,0.7 textcolor lt 1\n"
               "set label \"h = %s\" at 0.0012,%.10g offset 0,-0.9 textcolor lt 2\n",
            h1, h1, h01, h01, h1s, h1, h01s, h01);
    fputs("plot \"discretize.tsv\" using 1:4 with linespoints lt 1 pt 7 ps 0.6 "
          "title \"σ = 1\", \\\n"
          "     \"\" using 1:2 with linespoints lt 2 pt 7 ps 0.6 title \"σ = 0.1\"\n",
          f);
    book_close_file(B, f);
}

int main(int argc, char **argv)
{
    B = book_open("01-entropy", argc, argv);
    information_figure();
    weather_example();
    bernoulli();
    uniform_maximum();
    gaussian_entropy();
    discretize();
    return book_close(B);
}
