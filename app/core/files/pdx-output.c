/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-output.c — whole files or none: a temporary file beside the target, every write checked,
 * fsync, rename over the target, fsync of the folder; and CSV cells that no spreadsheet runs. */
#define _GNU_SOURCE
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx/pdx-output.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <signal.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pdx/pdx-csv.h"

/* Longest part of the target's name kept in the temporary file's name (NAME_MAX is 255). */
#define TEMP_BASE_MAX 180
/* How much of a path an error message shows. */
#define SHOWN_MAX 80

struct _PdxOutput
{
  char          *path;      /* the target */
  char          *shown;     /* the target as messages show it */
  char          *temp_path; /* ".NAME.pdxtrack-tmp-HOST-PID-XXXXXX" in the target's folder */
  int            fd;        /* the temporary file, -1 once closed */
  PdxOutputFlags flags;
  int            failed_errno;  /* the first failed write's errno, 0 when none */
  char          *failed_reason; /* or the first failure a writer reported */
  gboolean       committed;
};

/* @path as an error message shows it: control characters as '?', at most SHOWN_MAX characters
 * (the end kept: the file's name is the informative part). */
static char *
shown_path (const char *path)
{
  g_autofree char *valid = g_utf8_make_valid (path, -1);
  glong            n = g_utf8_strlen (valid, -1);
  GString         *out = g_string_new (n > SHOWN_MAX ? "…" : NULL);
  const char *p = n > SHOWN_MAX ? g_utf8_offset_to_pointer (valid, n - (SHOWN_MAX - 1)) : valid;

  for (; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_iscntrl (c))
        g_string_append_c (out, '?');
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static void
set_errno_error (GError **error, int saved, const char *shown, const char *what)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _ ("cannot write %s: %s%s"), shown,
               what ? what : "", g_strerror (saved));
}

/* Refuses what must not be written through: links, folders, devices, FIFOs, sockets; with
 * NO_REPLACE anything at all. *@existing is set when a regular file is there. */
static gboolean
check_target (const char    *path,
              const char    *shown,
              PdxOutputFlags flags,
              struct stat   *existing,
              gboolean      *exists,
              GError       **error)
{
  const char  *what = NULL;
  GIOErrorEnum code = G_IO_ERROR_NOT_REGULAR_FILE;

  *exists = FALSE;
  if (lstat (path, existing) != 0)
    {
      if (errno == ENOENT)
        return TRUE;
      set_errno_error (error, errno, shown, NULL);
      return FALSE;
    }
  if (flags & PDX_OUTPUT_NO_REPLACE)
    what = _ ("it already exists; choose another name"), code = G_IO_ERROR_EXISTS;
  else if (S_ISLNK (existing->st_mode))
    what = _ ("it is a symbolic link; give the path of the file itself");
  else if (S_ISDIR (existing->st_mode))
    what = _ ("it is a folder"), code = G_IO_ERROR_IS_DIRECTORY;
  else if (!S_ISREG (existing->st_mode))
    what = _ ("it is a device, FIFO or socket, not a file");
  if (what)
    {
      g_set_error (error, G_IO_ERROR, code, _ ("cannot write %s: %s"), shown, what);
      return FALSE;
    }
  *exists = TRUE;
  return TRUE;
}

/* ".NAME.pdxtrack-tmp-HOST-": the start of every temporary file name for @base on this host. */
static char *
temp_prefix (const char *base)
{
  g_autofree char *host = g_strndup (g_get_host_name (), 32);
  g_autofree char *name = g_strndup (base, TEMP_BASE_MAX);

  g_strdelimit (host, "/", '_');
  return g_strdup_printf (".%s.pdxtrack-tmp-%s-", name, host);
}

/* Removes the temporary files (and SQLite's -journal/-wal/-shm beside them) that a process of
 * this host left for this target when it was killed: those whose PID no longer runs. Another
 * writer's file, still running, is never touched. */
static void
remove_stale_temps (const char *dir, const char *prefix)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;
  gsize       len = strlen (prefix);

  while (handle && (name = g_dir_read_name (handle)))
    {
      char   *end = NULL;
      guint64 pid;

      if (strncmp (name, prefix, len) != 0 || !g_ascii_isdigit (name[len]))
        continue;
      pid = g_ascii_strtoull (name + len, &end, 10);
      if (*end != '-' || pid == 0 || pid > G_MAXINT || (pid_t) pid == getpid () ||
          kill ((pid_t) pid, 0) == 0 || errno != ESRCH)
        continue;
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        g_unlink (path);
      }
    }
}

/* The replaced file's group (when allowed) and mode go to the temporary file. */
static gboolean
keep_mode (int fd, const struct stat *existing, const char *shown, GError **error)
{
  if (fchown (fd, (uid_t) -1, existing->st_gid) != 0)
    { /* not a member of that group: the file gets ours, as any new file would */
    }
  if (fchmod (fd, existing->st_mode & 07777) == 0 || errno == EPERM || errno == EOPNOTSUPP)
    return TRUE; /* a file system without modes (FAT) keeps none */
  set_errno_error (error, errno, shown, _ ("cannot keep its permissions: "));
  return FALSE;
}

PdxOutput *
pdx_output_begin (const char *path, PdxOutputFlags flags, GError **error)
{
  g_autoptr (PdxOutput) output = NULL;
  g_autofree char *dir = NULL, *base = NULL, *prefix = NULL, *template = NULL;
  struct stat      existing;
  gboolean         exists;

  g_return_val_if_fail (path != NULL && *path != '\0', NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  output = g_new0 (PdxOutput, 1);
  output->fd = -1;
  output->path = g_strdup (path);
  output->shown = shown_path (path);
  output->flags = flags;
  if (!check_target (path, output->shown, flags, &existing, &exists, error))
    return NULL;
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  prefix = temp_prefix (base);
  remove_stale_temps (dir, prefix);
  template = g_strdup_printf ("%s%d-XXXXXX", prefix, (int) getpid ());
  output->temp_path = g_build_filename (dir, template, NULL);
  /* O_CREAT | O_EXCL, mode 0666 less the umask, as a new file would get. */
  output->fd = g_mkstemp_full (output->temp_path, O_WRONLY | O_CLOEXEC, 0666);
  if (output->fd < 0)
    {
      int saved = errno;
      g_clear_pointer (&output->temp_path, g_free);
      set_errno_error (error, saved, output->shown,
                       saved == ENOENT ? _ ("its folder does not exist: ") : "");
      return NULL;
    }
  if (exists && !keep_mode (output->fd, &existing, output->shown, error))
    return NULL;
  return g_steal_pointer (&output);
}

int
pdx_output_get_fd (PdxOutput *output)
{
  g_return_val_if_fail (output != NULL, -1);
  return output->fd;
}

const char *
pdx_output_get_temp_path (PdxOutput *output)
{
  g_return_val_if_fail (output != NULL, NULL);
  return output->temp_path;
}

static gboolean
has_failed (PdxOutput *output)
{
  return output->failed_errno != 0 || output->failed_reason != NULL;
}

static void
set_failure_error (PdxOutput *output, GError **error)
{
  if (output->failed_reason)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _ ("cannot write %s: %s"), output->shown,
                 output->failed_reason);
  else
    set_errno_error (error, output->failed_errno, output->shown, NULL);
}

gboolean
pdx_output_write (PdxOutput *output, const void *data, gsize len, GError **error)
{
  const char *p = data;

  g_return_val_if_fail (output != NULL && output->fd >= 0, FALSE);
  while (len > 0 && !has_failed (output))
    {
      ssize_t n = write (output->fd, p, MIN (len, (gsize) G_MAXSSIZE));
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        output->failed_errno = n < 0 ? errno : EIO;
      else
        p += n, len -= (gsize) n;
    }
  if (has_failed (output))
    {
      set_failure_error (output, error);
      return FALSE;
    }
  return TRUE;
}

cairo_status_t
pdx_output_cairo_write (void *closure, const unsigned char *data, unsigned int length)
{
  return pdx_output_write (closure, data, length, NULL) ? CAIRO_STATUS_SUCCESS
                                                        : CAIRO_STATUS_WRITE_ERROR;
}

void
pdx_output_fail (PdxOutput *output, const char *reason)
{
  g_return_if_fail (output != NULL && reason != NULL);
  if (!has_failed (output))
    output->failed_reason = g_strdup (reason);
}

/* Puts the temporary file in the target's place: rename(2), or with NO_REPLACE a rename that
 * fails when the target appeared meanwhile (link(2) where the file system has no such rename). */
static int
move_into_place (PdxOutput *output)
{
  if (!(output->flags & PDX_OUTPUT_NO_REPLACE))
    return rename (output->temp_path, output->path);
  if (renameat2 (AT_FDCWD, output->temp_path, AT_FDCWD, output->path, RENAME_NOREPLACE) == 0)
    return 0;
  if (errno != EINVAL && errno != ENOSYS)
    return -1;
  if (link (output->temp_path, output->path) != 0)
    return -1;
  g_unlink (output->temp_path);
  return 0;
}

/* The rename is durable once the folder's entry is on disk. */
static gboolean
sync_folder (PdxOutput *output, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (output->path);
  int              fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  int              saved = 0;

  if (fd < 0 || (fsync (fd) != 0 && errno != EINVAL && errno != EROFS))
    saved = errno;
  if (fd >= 0)
    close (fd);
  if (saved == 0)
    return TRUE;
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
               _ ("%s was written but its folder could not be synced to disk: %s"), output->shown,
               g_strerror (saved));
  return FALSE;
}

gboolean
pdx_output_commit (PdxOutput *output, GError **error)
{
  int fd;

  g_return_val_if_fail (output != NULL && output->fd >= 0 && !output->committed, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  fd = output->fd;
  output->fd = -1;
  if (!has_failed (output) && fsync (fd) != 0)
    output->failed_errno = errno;
  if (close (fd) != 0 && !has_failed (output))
    output->failed_errno = errno;
  if (!has_failed (output) && move_into_place (output) != 0)
    output->failed_errno = errno;
  if (has_failed (output))
    {
      if (output->failed_errno == EEXIST)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                     _ ("cannot write %s: it already exists; choose another name"), output->shown);
      else
        set_failure_error (output, error);
      return FALSE; /* pdx_output_free removes the temporary file */
    }
  output->committed = TRUE;
  return sync_folder (output, error);
}

void
pdx_output_free (PdxOutput *output)
{
  if (output == NULL)
    return;
  if (output->fd >= 0)
    close (output->fd);
  if (!output->committed && output->temp_path)
    g_unlink (output->temp_path);
  g_free (output->path);
  g_free (output->shown);
  g_free (output->temp_path);
  g_free (output->failed_reason);
  g_free (output);
}

gboolean
pdx_output_set_contents (const char *path, const void *data, gsize len, GError **error)
{
  g_autoptr (PdxOutput) output = pdx_output_begin (path, PDX_OUTPUT_REPLACE, error);

  return output != NULL && pdx_output_write (output, data, len, error) &&
         pdx_output_commit (output, error);
}

/* ---- CSV ---------------------------------------------------------------------------------- */

/* A number as the program formats them ("%.12g"): sign, digits, point, exponent; nothing else. */
static gboolean
is_plain_number (const char *cell)
{
  const char *p = cell;
  gboolean    digits = FALSE;

  if (*p == '+' || *p == '-')
    p++;
  for (; g_ascii_isdigit (*p); p++)
    digits = TRUE;
  if (*p == '.')
    for (p++; g_ascii_isdigit (*p); p++)
      digits = TRUE;
  if (!digits)
    return FALSE;
  if (*p == 'e' || *p == 'E')
    {
      p++;
      if (*p == '+' || *p == '-')
        p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }
  return *p == '\0';
}

gboolean
pdx_output_csv_cell_is_risky (const char *cell)
{
  return cell != NULL && strchr ("=+-@\t\r", cell[0]) != NULL && cell[0] != '\0' &&
         !is_plain_number (cell);
}

void
pdx_output_csv_write_record (GString *out, const char *const *fields, guint n_fields)
{
  for (guint i = 0; i < n_fields; i++)
    {
      if (i)
        g_string_append_c (out, ',');
      if (pdx_output_csv_cell_is_risky (fields[i]))
        {
          g_string_append (out, "\"'");
          for (const char *p = fields[i]; *p; p++)
            {
              if (*p == '"')
                g_string_append_c (out, '"');
              g_string_append_c (out, *p);
            }
          g_string_append_c (out, '"');
        }
      else
        pdx_csv_write_field (out, fields[i]);
    }
  g_string_append_c (out, '\n');
}
