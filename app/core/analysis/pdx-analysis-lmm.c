/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-analysis-lmm.c — the linear mixed model y ~ day * group, random = ~ day | mouse, fitted
 * by REML or ML as nlme's lme() does (Pinheiro & Bates 2000, ch. 2), from orthogonal
 * decompositions only.
 *
 * Each mouse belongs to one group, so its rows of the fixed-effects matrix are its rows of
 * Z = [1 day] times a 0/1 selector: mouse i is summarised once by the QR factor of its
 * [1 day y] (3×3, Householder, GSL) and nothing else of its data is read again. For a relative
 * precision factor Δ (Δ'Δ = Ψ⁻¹, cov(b) = σ²Ψ) the profiled likelihood is evaluated as
 * Pinheiro & Bates' eq. 2.21–2.23: per mouse, Givens rotations fold Δ into [R_Z R_Z R_y]
 * (giving R11(i) and three rows for the fixed effects), each group's rows are folded into a
 * 3×3 triangle, and the groups' triangles into the fixed effects' (p+1)×(p+1) triangle R00 | c0
 * whose last diagonal is the residual norm. No cross-product matrix is ever formed. Δ is
 * parameterised by its log-Cholesky entries and found by GSL's Nelder–Mead simplex. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx-analysis-private.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_multimin.h>
#include <math.h>
#include <string.h>

G_DEFINE_AUTOPTR_CLEANUP_FUNC (gsl_vector, gsl_vector_free)

/* Per mouse: the 3×3 upper-triangular QR factor of [1 day y] (rows beyond n_i are 0). */
typedef struct
{
  double r[3][3];
  int    group;
  guint  n_obs;
  double first_day, last_day;
} MouseFactor;

typedef struct
{
  guint        n_mice, n_groups, n_obs, p;
  MouseFactor *mice;
  PdxGrowthFit fit;
  double      *work;      /* (p+1)² */
  double      *group_tri; /* n_groups × 9 */
  guint        evaluations;
} LmmProblem;

/* Folds @row (@n entries, entries before @first zero) into the upper-triangular @tri (n×n,
 * row-major) by Givens rotations: the QR factor of [tri; row]. */
static void
fold_row (double *tri, guint n, double *row, guint first)
{
  for (guint j = first; j < n; j++)
    {
      double a = tri[j * n + j], b = row[j], r, c, s;
      if (b == 0)
        continue;
      /* Not hypot(): it is several times slower, and the entries (transformed readouts, Δ)
       * are far from overflow. */
      r = sqrt (a * a + b * b);
      c = a / r, s = b / r;
      for (guint k = j; k < n; k++)
        {
          double t = tri[j * n + k], u = row[k];
          tri[j * n + k] = c * t + s * u;
          row[k] = -s * t + c * u;
        }
    }
}

/* The QR factor of one mouse's [1 day y] rows (GSL's Householder QR). */
static void
mouse_factor (MouseFactor *f, const double *day, const double *y, guint n)
{
  gsl_matrix *a = gsl_matrix_alloc (n, 3);
  gsl_vector *tau = gsl_vector_alloc (MIN (n, 3));

  for (guint i = 0; i < n; i++)
    {
      gsl_matrix_set (a, i, 0, 1);
      gsl_matrix_set (a, i, 1, day[i]);
      gsl_matrix_set (a, i, 2, y[i]);
    }
  gsl_linalg_QR_decomp (a, tau);
  memset (f->r, 0, sizeof f->r);
  for (guint i = 0; i < MIN (n, 3); i++)
    for (guint j = i; j < 3; j++)
      f->r[i][j] = gsl_matrix_get (a, i, j);
  gsl_vector_free (tau);
  gsl_matrix_free (a);
}

/* Δ from the three log-Cholesky parameters. */
static void
delta_from_theta (const double *theta, double delta[2][2])
{
  delta[0][0] = exp (theta[0]);
  delta[0][1] = theta[1];
  delta[1][0] = 0;
  delta[1][1] = exp (theta[2]);
}

/* Folds mouse @f with Δ: returns log|det R11(i)| and adds its three fixed-effect rows
 * (columns: intercept-like, day-like, y) to its group's triangle. The 5×5 triangle is over the
 * columns Z1 Z2 X1 X2 y, X = Z for the mouse's own group. */
static double
fold_mouse (const MouseFactor *f, double delta[2][2], double *group_tri)
{
  double t[25] = { 0 }, row[5];

  for (guint j = 0; j < 2; j++)
    for (guint k = j; k < 2; k++)
      t[j * 5 + k] = t[j * 5 + k + 2] = f->r[j][k];
  t[0 * 5 + 4] = f->r[0][2];
  t[1 * 5 + 4] = f->r[1][2];
  t[4 * 5 + 4] = f->r[2][2];
  for (guint d = 0; d < 2; d++)
    {
      memset (row, 0, sizeof row);
      row[0] = delta[d][0], row[1] = delta[d][1];
      fold_row (t, 5, row, d);
    }
  for (guint i = 2; i < 5; i++)
    {
      double r3[3] = { t[i * 5 + 2], t[i * 5 + 3], t[i * 5 + 4] };
      fold_row (group_tri, 3, r3, 0);
    }
  return log (fabs (t[0] * t[6]));
}

/* The fixed-effect column of group @g's intercept-like (@slope FALSE) or slope-like column,
 * beyond the shared (Intercept) and day; -1 for the reference group. */
static int
group_column (guint n_groups, guint g, gboolean slope)
{
  if (g == 0)
    return -1;
  return (int) (slope ? n_groups + g : 1 + g);
}

/* Folds the groups' triangles into the fixed effects' triangle @work ((p+1)², zeroed). */
static void
fold_groups (LmmProblem *lp)
{
  guint   q = lp->p + 1;
  double *row = g_newa (double, q);

  memset (lp->work, 0, sizeof (double) * q * q);
  for (guint g = 0; g < lp->n_groups; g++)
    for (guint i = 0; i < 3; i++)
      {
        const double *gt = lp->group_tri + g * 9 + i * 3;
        int           ci = group_column (lp->n_groups, g, FALSE);
        int           cs = group_column (lp->n_groups, g, TRUE);
        memset (row, 0, sizeof (double) * q);
        row[0] = gt[0], row[1] = gt[1], row[q - 1] = gt[2];
        if (ci >= 0)
          row[ci] = gt[0], row[cs] = gt[1];
        fold_row (lp->work, q, row, 0);
      }
}

/* −(profiled log-likelihood) at @theta; @work then holds R00 | c0 and the residual norm. */
static double
neg_loglik (const gsl_vector *v, void *user_data)
{
  LmmProblem *lp = user_data;
  double      delta[2][2],
      theta[3] = { gsl_vector_get (v, 0), gsl_vector_get (v, 1), gsl_vector_get (v, 2) };
  double sum_logdet = 0, log_det_delta, rss, df, loglik;
  guint  q = lp->p + 1;

  lp->evaluations++;
  delta_from_theta (theta, delta);
  log_det_delta = theta[0] + theta[2];
  memset (lp->group_tri, 0, sizeof (double) * 9 * lp->n_groups);
  for (guint i = 0; i < lp->n_mice; i++)
    sum_logdet +=
        log_det_delta - fold_mouse (&lp->mice[i], delta, lp->group_tri + lp->mice[i].group * 9);
  fold_groups (lp);
  rss = lp->work[q * q - 1] * lp->work[q * q - 1];
  df = lp->fit == PDX_GROWTH_FIT_REML ? (double) lp->n_obs - lp->p : (double) lp->n_obs;
  loglik = -df / 2 * (log (2 * M_PI * rss / df) + 1) + sum_logdet;
  if (lp->fit == PDX_GROWTH_FIT_REML)
    for (guint j = 0; j < lp->p; j++)
      loglik -= log (fabs (lp->work[j * q + j]));
  return isfinite (loglik) ? -loglik : GSL_POSINF;
}

/* Starting Δ from the mice's own least-squares lines (their QR factors): Ψ₀ the diagonal of
 * the spread of their intercepts and slopes relative to the pooled residual variance. */
static void
initial_theta (const LmmProblem *lp, double *theta)
{
  double sum_a = 0, sum_b = 0, sum_aa = 0, sum_bb = 0, rss = 0, var_a, var_b, sigma2;
  guint  n = 0, df = 0;

  for (guint i = 0; i < lp->n_mice; i++)
    {
      const MouseFactor *f = &lp->mice[i];
      double             a, b;
      if (f->n_obs < 3 || fabs (f->r[1][1]) < 1e-12 * (fabs (f->r[0][1]) + fabs (f->r[0][0])))
        continue;
      b = f->r[1][2] / f->r[1][1];
      a = (f->r[0][2] - f->r[0][1] * b) / f->r[0][0];
      sum_a += a, sum_b += b, sum_aa += a * a, sum_bb += b * b, n++;
      rss += f->r[2][2] * f->r[2][2], df += f->n_obs - 2;
    }
  sigma2 = df > 0 && rss > 0 ? rss / df : 1;
  var_a = n > 1 ? (sum_aa - sum_a * sum_a / n) / (n - 1) : sigma2;
  var_b = n > 1 ? (sum_bb - sum_b * sum_b / n) / (n - 1) : sigma2;
  /* Floors keep Δ finite where the mice do not differ. */
  var_a = MAX (var_a, 1e-3 * sigma2);
  var_b = MAX (var_b, 1e-6 * sigma2);
  theta[0] = 0.5 * log (sigma2 / var_a);
  theta[1] = 0;
  theta[2] = 0.5 * log (sigma2 / var_b);
}

static double
nll_at (LmmProblem *lp, const double *theta)
{
  double     x[3] = { theta[0], theta[1], theta[2] };
  gsl_vector v = { 3, 1, x, NULL, 0 };
  return neg_loglik (&v, lp);
}

/* The gradient of neg_loglik at @theta by central differences with step @h, the Hessian's
 * diagonal from the same points and its off-diagonal by forward differences: 9 evaluations
 * beyond @f0. The gradient fixes where Newton's steps end; the Hessian only their direction. */
static void
derivatives (LmmProblem *lp, const double *theta, double h, double f0, double *g, double *hess)
{
  double f_up[3];

  for (guint i = 0; i < 3; i++)
    {
      double up[3], down[3], f_down;
      memcpy (up, theta, sizeof up), memcpy (down, theta, sizeof down);
      up[i] += h, down[i] -= h;
      f_up[i] = nll_at (lp, up), f_down = nll_at (lp, down);
      g[i] = (f_up[i] - f_down) / (2 * h);
      hess[i * 3 + i] = (f_up[i] - 2 * f0 + f_down) / (h * h);
    }
  for (guint i = 0; i < 3; i++)
    for (guint j = 0; j < i; j++)
      {
        double both[3];
        memcpy (both, theta, sizeof both);
        both[i] += h, both[j] += h;
        hess[i * 3 + j] = hess[j * 3 + i] = (nll_at (lp, both) - f_up[i] - f_up[j] + f0) / (h * h);
      }
}

static gboolean
positive_definite (const double *h)
{
  double minor2 = h[0] * h[4] - h[1] * h[3];
  double det = h[0] * (h[4] * h[8] - h[5] * h[7]) - h[1] * (h[3] * h[8] - h[5] * h[6]) +
               h[2] * (h[3] * h[7] - h[4] * h[6]);
  return h[0] > 0 && minor2 > 0 && det > 0 && isfinite (det);
}

/* Newton steps from the simplex's optimum (the Hessian by Cholesky, GSL; a step that does not
 * lower the objective is halved), so that weakly determined directions such as a correlation
 * near 0 converge as tightly as the strong ones. */
static gboolean
polish (LmmProblem *lp, double *theta)
{
  double f0 = nll_at (lp, theta);

  for (guint it = 0; it < 20; it++)
    {
      double          g[3], hess[9], step[3], trial[3], f_trial = GSL_POSINF;
      gsl_matrix_view h = gsl_matrix_view_array (hess, 3, 3);
      gsl_vector_view gv = gsl_vector_view_array (g, 3), sv = gsl_vector_view_array (step, 3);

      derivatives (lp, theta, 1e-4, f0, g, hess);
      /* Only a positive definite Hessian gives a descent step (Sylvester's criterion first; a
       * Cholesky that fails to rounding all the same returns its status, pdx_gsl_init ()). */
      if (!positive_definite (hess))
        return FALSE;
      if (gsl_linalg_cholesky_decomp1 (&h.matrix) != GSL_SUCCESS ||
          gsl_linalg_cholesky_solve (&h.matrix, &gv.vector, &sv.vector) != GSL_SUCCESS)
        return FALSE;
      for (double scale = 1; scale > 1e-3; scale /= 2)
        {
          for (guint k = 0; k < 3; k++)
            trial[k] = theta[k] - scale * step[k];
          if ((f_trial = nll_at (lp, trial)) <= f0)
            break;
        }
      /* No decrease along a step this small: the optimum, to rounding. */
      if (!(f_trial <= f0))
        return fabs (step[0]) + fabs (step[1]) + fabs (step[2]) < 1e-6;
      memcpy (theta, trial, sizeof trial);
      if (f0 - f_trial < 1e-14 * MAX (1, fabs (f0)) &&
          fabs (step[0]) + fabs (step[1]) + fabs (step[2]) < 1e-9)
        return TRUE;
      f0 = f_trial;
    }
  return FALSE;
}

/* The simplex's window of iterations for its test of progress (see simplex ()). */
#define SIMPLEX_WINDOW 100

/* GSL's Nelder–Mead simplex from @theta with initial steps of @size, until the simplex is
 * smaller than @tolerance. FALSE when the likelihood is not finite there. */
static gboolean
simplex (LmmProblem *lp, double *theta, double size, double tolerance)
{
  gsl_multimin_function f = { neg_loglik, 3, lp };
  g_autoptr (gsl_vector) x = gsl_vector_alloc (3);
  g_autoptr (gsl_vector) step = gsl_vector_alloc (3);
  gsl_multimin_fminimizer *s =
      gsl_multimin_fminimizer_alloc (gsl_multimin_fminimizer_nmsimplex2, 3);
  int    status = GSL_CONTINUE;
  double value, checkpoint;

  for (guint k = 0; k < 3; k++)
    gsl_vector_set (x, k, theta[k]);
  gsl_vector_set (step, 0, size);
  gsl_vector_set (step, 1, size / 2 * exp (MAX (theta[0], theta[2])));
  gsl_vector_set (step, 2, size);
  gsl_multimin_fminimizer_set (s, &f, x, step);
  checkpoint = s->fval;
  for (guint it = 1; it <= 5000 && status == GSL_CONTINUE; it++)
    {
      if (gsl_multimin_fminimizer_iterate (s) != GSL_SUCCESS)
        break;
      status = gsl_multimin_test_size (gsl_multimin_fminimizer_size (s), tolerance);
      /* Where Ψ goes to its boundary (an SD to 0, the correlation to ±1) the optimum is at
       * infinity in θ and the simplex creeps towards it, gaining some 1e-5 in the
       * log-likelihood per 100 iterations for thousands of them: stop once SIMPLEX_WINDOW
       * iterations have gained less than 1e-4, far below anything a likelihood ratio could
       * show, instead of after 5,000 (docs/growth-model.md). */
      if (it % SIMPLEX_WINDOW == 0)
        {
          if (checkpoint - s->fval < 1e-4)
            break;
          checkpoint = s->fval;
        }
    }
  value = s->fval;
  for (guint k = 0; k < 3; k++)
    theta[k] = gsl_vector_get (s->x, k);
  gsl_multimin_fminimizer_free (s);
  return isfinite (value);
}

/* Minimises neg_loglik from @theta: a coarse simplex, then Newton steps (polish) to full
 * precision; where Newton cannot go on (a Hessian that is not positive definite, far from the
 * optimum), a fine simplex restarted from there, then Newton again. */
static gboolean
maximise (LmmProblem *lp, double *theta)
{
  if (!simplex (lp, theta, 1.0, 3e-2))
    return FALSE;
  if (polish (lp, theta))
    return TRUE;
  if (!simplex (lp, theta, 0.1, 1e-9))
    return FALSE;
  polish (lp, theta);
  return TRUE;
}

void
pdx_growth_model_free (PdxGrowthModel *model)
{
  if (model == NULL)
    return;
  for (guint j = 0; j < model->n_terms; j++)
    g_free (model->terms[j].term);
  g_free (model->terms);
  g_free (model->groups);
  g_free (model);
}

/* Fills @term's t, p and 95 % CI from its estimate, SE and df. */
static void
term_test (PdxModelTerm *term)
{
  double q = gsl_cdf_tdist_Qinv (0.025, term->df);
  term->t_value = term->estimate / term->std_error;
  term->p_value = 2 * gsl_cdf_tdist_Q (fabs (term->t_value), term->df);
  term->ci_low = term->estimate - q * term->std_error;
  term->ci_high = term->estimate + q * term->std_error;
}

/* Containment df as nlme's getFixDF: a column constant within every mouse (a group's
 * intercept) is a between-mouse term, df = M − (between columns) − 1; a column varying within
 * some mouse (day, day:group) has df = N − M − (within columns); the intercept the larger. */
static void
containment_df (const LmmProblem *lp, const gboolean *within, double *df)
{
  guint  n_within = 0, n_between = 0;
  double df_mouse, df_residual;

  for (guint j = 1; j < lp->p; j++)
    within[j] ? n_within++ : n_between++;
  df_mouse = (double) lp->n_mice - n_between - 1;
  df_residual = (double) lp->n_obs - lp->n_mice - n_within;
  df[0] = MAX (df_mouse, df_residual);
  for (guint j = 1; j < lp->p; j++)
    df[j] = within[j] ? df_residual : df_mouse;
}

/* The inverse of the upper-triangular p×p R00 held in @work (stride p+1), into @inv (p×p). */
static void
invert_r00 (const LmmProblem *lp, double *inv)
{
  guint p = lp->p, q = p + 1;

  memset (inv, 0, sizeof (double) * p * p);
  for (guint c = 0; c < p; c++)
    for (int i = (int) c; i >= 0; i--)
      {
        double sum = (guint) i == c ? 1 : 0;
        for (guint k = i + 1; k <= c; k++)
          sum -= lp->work[i * q + k] * inv[k * p + c];
        inv[i * p + c] = sum / lp->work[i * q + i];
      }
}

/* Var(β̂)_{jk} = σ² (R00⁻¹ R00⁻ᵀ)_{jk}. */
static double
covariance (const double *inv, guint p, double sigma2, guint j, guint k)
{
  double sum = 0;
  for (guint c = MAX (j, k); c < p; c++)
    sum += inv[j * p + c] * inv[k * p + c];
  return sigma2 * sum;
}

static void
fill_terms (PdxGrowthModel    *m,
            const LmmProblem  *lp,
            const double      *beta,
            const double      *inv,
            double             sigma2,
            const double      *df,
            const char *const *group_names)
{
  guint k = lp->n_groups;

  m->n_terms = lp->p;
  m->terms = g_new0 (PdxModelTerm, lp->p);
  m->terms[0].term = g_strdup ("(Intercept)");
  m->terms[1].term = g_strdup ("day");
  for (guint g = 1; g < k; g++)
    {
      m->terms[1 + g].term = g_strconcat ("arm", group_names[g], NULL);
      m->terms[k + g].term = g_strconcat ("day:arm", group_names[g], NULL);
    }
  for (guint j = 0; j < lp->p; j++)
    {
      m->terms[j].estimate = beta[j];
      m->terms[j].std_error = sqrt (covariance (inv, lp->p, sigma2, j, j));
      m->terms[j].df = df[j];
      term_test (&m->terms[j]);
    }
}

static void
fill_groups (
    PdxGrowthModel *m, const LmmProblem *lp, const double *beta, const double *inv, double sigma2)
{
  guint k = lp->n_groups, p = lp->p;

  m->groups = g_new0 (PdxGrowthModelGroup, k);
  for (guint g = 0; g < k; g++)
    {
      PdxGrowthModelGroup *gr = &m->groups[g];
      int                  ci = group_column (k, g, FALSE), cs = group_column (k, g, TRUE);
      double               var = covariance (inv, p, sigma2, 1, 1);

      gr->group = (int) g;
      gr->first_day = INFINITY, gr->last_day = -INFINITY;
      gr->intercept = beta[0] + (ci >= 0 ? beta[ci] : 0);
      gr->slope = beta[1] + (cs >= 0 ? beta[cs] : 0);
      gr->difference = gr->difference_se = gr->df = NAN;
      gr->t_value = gr->p_value = gr->ci_low = gr->ci_high = NAN;
      if (cs >= 0)
        {
          const PdxModelTerm *t = &m->terms[cs];
          var += covariance (inv, p, sigma2, cs, cs) + 2 * covariance (inv, p, sigma2, 1, cs);
          gr->difference = t->estimate, gr->difference_se = t->std_error, gr->df = t->df;
          gr->t_value = t->t_value, gr->p_value = t->p_value;
          gr->ci_low = t->ci_low, gr->ci_high = t->ci_high;
        }
      gr->slope_se = sqrt (var);
    }
  for (guint g = 0; g < k; g++)
    m->groups[g].ratio = g == 0 ? NAN : m->groups[g].slope / m->groups[0].slope;
  for (guint i = 0; i < lp->n_mice; i++)
    {
      PdxGrowthModelGroup *gr = &m->groups[lp->mice[i].group];
      gr->n_mice++;
      gr->n_obs += lp->mice[i].n_obs;
      gr->first_day = MIN (gr->first_day, lp->mice[i].first_day);
      gr->last_day = MAX (gr->last_day, lp->mice[i].last_day);
    }
}

/* The variance components from Δ and σ: cov(b) = σ² (Δ'Δ)⁻¹. */
static void
fill_variance (PdxGrowthModel *m, const double *theta, double sigma)
{
  double delta[2][2], det, psi11, psi12, psi22;

  delta_from_theta (theta, delta);
  det = delta[0][0] * delta[1][1] * delta[0][0] * delta[1][1];
  psi11 = (delta[0][1] * delta[0][1] + delta[1][1] * delta[1][1]) / det;
  psi12 = -delta[0][0] * delta[0][1] / det;
  psi22 = delta[0][0] * delta[0][0] / det;
  m->sigma = sigma;
  m->sd_intercept = sigma * sqrt (psi11);
  m->sd_slope = sigma * sqrt (psi22);
  m->correlation = psi12 / sqrt (psi11 * psi22);
}

static gboolean
invalid (GError **error, const char *message)
{
  g_set_error_literal (error, PDX_ANALYSIS_ERROR, PDX_ANALYSIS_ERROR_INVALID, message);
  return FALSE;
}

/* Checks the observations and gives each mouse with data a compact index (@compact[mouse],
 * -1 without data) and its group. */
static gboolean
check_input (const int    *mouse,
             const int    *group,
             const double *day,
             const double *y,
             guint         n,
             guint         n_groups,
             int          *n_mice_out,
             int         **compact_out,
             GError      **error)
{
  int               max_mouse = -1, n_mice = 0;
  g_autofree int   *mouse_group = NULL;
  g_autofree guint *group_obs = g_new0 (guint, MAX (n_groups, 1));

  if (n == 0 || n_groups == 0)
    return invalid (error, _ ("the growth model has no measurements to fit"));
  for (guint i = 0; i < n; i++)
    {
      if (mouse[i] < 0 || group[i] < 0 || (guint) group[i] >= n_groups)
        return invalid (error, _ ("the growth model was given a measurement of no mouse or arm"));
      if (!isfinite (day[i]) || !isfinite (y[i]))
        return invalid (error, _ ("the growth model was given a missing day or value"));
      max_mouse = MAX (max_mouse, mouse[i]);
    }
  mouse_group = g_new (int, max_mouse + 1);
  *compact_out = g_new (int, max_mouse + 1);
  for (int m = 0; m <= max_mouse; m++)
    mouse_group[m] = -1, (*compact_out)[m] = -1;
  for (guint i = 0; i < n; i++)
    {
      if (mouse_group[mouse[i]] >= 0 && mouse_group[mouse[i]] != group[i])
        return invalid (error, _ ("the growth model was given a mouse in two arms"));
      if (mouse_group[mouse[i]] < 0)
        (*compact_out)[mouse[i]] = n_mice++;
      mouse_group[mouse[i]] = group[i];
      group_obs[group[i]]++;
    }
  for (guint g = 0; g < n_groups; g++)
    if (group_obs[g] == 0)
      return invalid (error, _ ("the growth model was given an arm without measurements"));
  *n_mice_out = n_mice;
  return TRUE;
}

/* Builds the mice's QR factors; @within[j] says whether fixed-effect column j varies within
 * some mouse (nlme's inner test). */
static void
build_factors (LmmProblem   *lp,
               const int    *mouse,
               const int    *compact,
               const int    *group,
               const double *day,
               const double *y,
               guint         n,
               gboolean     *within)
{
  g_autofree guint  *start = g_new0 (guint, lp->n_mice + 1);
  g_autofree guint  *fill = g_new0 (guint, lp->n_mice);
  g_autofree double *sorted_day = g_new (double, n);
  g_autofree double *sorted_y = g_new (double, n);

  for (guint i = 0; i < n; i++)
    start[compact[mouse[i]] + 1]++;
  for (guint m = 0; m < lp->n_mice; m++)
    start[m + 1] += start[m];
  for (guint i = 0; i < n; i++)
    {
      int   m = compact[mouse[i]];
      guint at = start[m] + fill[m]++;
      sorted_day[at] = day[i], sorted_y[at] = y[i];
      lp->mice[m].group = group[i];
    }
  for (guint m = 0; m < lp->n_mice; m++)
    {
      MouseFactor *f = &lp->mice[m];
      f->n_obs = start[m + 1] - start[m];
      f->first_day = f->last_day = sorted_day[start[m]];
      for (guint i = start[m]; i < start[m + 1]; i++)
        {
          f->first_day = MIN (f->first_day, sorted_day[i]);
          f->last_day = MAX (f->last_day, sorted_day[i]);
        }
      if (f->last_day > f->first_day)
        {
          int slope_column = group_column (lp->n_groups, (guint) f->group, TRUE);
          within[1] = TRUE;
          if (slope_column >= 0)
            within[slope_column] = TRUE;
        }
      mouse_factor (f, sorted_day + start[m], sorted_y + start[m], f->n_obs);
    }
}

/* FALSE when R00 is singular: some fixed effect is not determined by the data. */
static gboolean
estimable (const LmmProblem *lp)
{
  guint  q = lp->p + 1;
  double scale = 0;

  for (guint j = 0; j < lp->p; j++)
    scale = MAX (scale, fabs (lp->work[j * q + j]));
  for (guint j = 0; j < lp->p; j++)
    if (!(fabs (lp->work[j * q + j]) > 1e-10 * scale))
      return FALSE;
  return TRUE;
}

static PdxGrowthModel *
assemble (LmmProblem        *lp,
          const double      *theta,
          const gboolean    *within,
          const char *const *group_names)
{
  PdxGrowthModel    *m = g_new0 (PdxGrowthModel, 1);
  guint              p = lp->p, q = p + 1;
  g_autofree double *beta = g_new (double, p);
  g_autofree double *inv = g_new (double, p *p);
  g_autofree double *df = g_new (double, p);
  double             rss, sigma2, sigma2_fixed, nll;
  g_autoptr (gsl_vector) v = gsl_vector_alloc (3);

  for (guint k = 0; k < 3; k++)
    gsl_vector_set (v, k, theta[k]);
  nll = neg_loglik (v, lp);
  rss = lp->work[q * q - 1] * lp->work[q * q - 1];
  sigma2 = rss / (lp->fit == PDX_GROWTH_FIT_REML ? (double) lp->n_obs - p : (double) lp->n_obs);
  invert_r00 (lp, inv);
  for (guint j = 0; j < p; j++)
    {
      beta[j] = 0;
      for (guint c = j; c < p; c++)
        beta[j] += inv[j * p + c] * lp->work[c * q + p];
    }
  containment_df (lp, within, df);
  /* The fixed effects' covariance as nlme gives it: under ML, too, σ² is scaled to the REML
   * denominator N − p (lme's varFix); sigma itself stays the ML estimate. */
  sigma2_fixed =
      lp->fit == PDX_GROWTH_FIT_ML ? sigma2 * lp->n_obs / ((double) lp->n_obs - p) : sigma2;
  m->fit = lp->fit;
  m->n_obs = lp->n_obs, m->n_mice = lp->n_mice, m->n_groups = lp->n_groups;
  m->loglik = -nll;
  m->evaluations = lp->evaluations;
  fill_terms (m, lp, beta, inv, sigma2_fixed, df, group_names);
  fill_groups (m, lp, beta, inv, sigma2_fixed);
  fill_variance (m, theta, sqrt (sigma2));
  return m;
}

PdxGrowthModel *
pdx_growth_model_fit (const int         *mouse,
                      const int         *group,
                      const double      *day,
                      const double      *y,
                      guint              n,
                      guint              n_groups,
                      const char *const *group_names,
                      PdxGrowthFit       fit,
                      GError           **error)
{
  g_autofree int      *compact = NULL;
  g_autofree gboolean *within = NULL;
  LmmProblem           lp = { 0 };
  PdxGrowthModel      *model = NULL;
  double               theta[3];
  int                  n_mice = 0;

  g_return_val_if_fail (n == 0 || (mouse && group && day && y), NULL);
  g_return_val_if_fail (group_names != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  pdx_gsl_init ();
  if (!check_input (mouse, group, day, y, n, n_groups, &n_mice, &compact, error))
    return NULL;
  lp.n_mice = (guint) n_mice, lp.n_groups = n_groups, lp.n_obs = n, lp.fit = fit;
  lp.p = 2 * n_groups;
  if ((double) n - n_mice - n_groups < 1 || n_mice < (int) n_groups + 1 || n_mice < 3)
    {
      g_set_error (error, PDX_ANALYSIS_ERROR, PDX_ANALYSIS_ERROR_INVALID,
                   _ ("the growth model needs more data: %d mice with %u measurements in %u "
                      "arms leave no degrees of freedom"),
                   n_mice, n, n_groups);
      return NULL;
    }
  lp.mice = g_new0 (MouseFactor, lp.n_mice);
  lp.work = g_new0 (double, (lp.p + 1) * (lp.p + 1));
  lp.group_tri = g_new0 (double, 9 * n_groups);
  within = g_new0 (gboolean, lp.p);
  build_factors (&lp, mouse, compact, group, day, y, n, within);
  initial_theta (&lp, theta);
  if (!maximise (&lp, theta))
    invalid (error, _ ("the growth model did not converge"));
  else
    {
      model = assemble (&lp, theta, within, group_names);
      if (!estimable (&lp))
        {
          g_clear_pointer (&model, pdx_growth_model_free);
          invalid (error, _ ("the growth model cannot be estimated: each arm needs mice "
                             "measured on at least two days"));
        }
    }
  g_free (lp.mice), g_free (lp.work), g_free (lp.group_tri);
  return model;
}
