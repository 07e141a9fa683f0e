/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-csv.c — RFC 4180 CSV reading with line and column for every field, and writing.
 *
 * The reader reads the whole file into memory with read(2) (never a mapping: a file truncated
 * under a mapping kills the process with SIGBUS), checks once that it is UTF-8 text without NUL
 * bytes, then parses records in place. At the end of the input it checks that the file did not
 * change while it was read. A quote inside an unquoted field is kept as a literal character
 * (real sheets carry stray quotes); text after the closing quote of a quoted field is an error.
 * CRLF, LF and CR-only line ends (old Mac Excel) are all accepted and counted as lines. */
#include "pdx-config.h"

#include <glib/gi18n-lib.h>

#include "pdx/pdx-csv.h"
#include "pdx/pdx-error.h"
#include "pdx-files-private.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>

struct _PdxCsvReader
{
  char       *name;
  char       *owned;  /* the file's bytes (NUL-terminated); NULL when reading from memory */
  int         fd;     /* the file, kept open to see at the end whether it changed; or -1 */
  struct stat opened; /* the file as it was when opened */
  const char *data;
  gsize       len;
  gsize       size;      /* the file's own bytes (len differs once decoded from Windows-1252) */
  char        delimiter; /* ',', or a sniffed '\t' or ';' */
  const char *encoding;  /* "UTF-8" or "Windows-1252" */
  gsize       pos;
  guint       line;        /* physical line of pos, 1-based */
  gsize       line_start;  /* byte offset of that line */
  guint       record_line; /* line on which the last record started */
  GString    *buffer;      /* field texts, NUL-separated */
  /* Per field of the current record (n_fields of them, room for capacity): where its text
   * starts in buffer, the byte offset and line of its first byte in data; and the field
   * pointers handed out. Plain arrays: a million-row import reads millions of fields. */
  guint       n_fields, capacity;
  guint      *starts;
  gsize      *columns;
  guint      *column_lines;
  char      **fields;
  gboolean    checked;
  PdxCsvFlags flags;
  gboolean    at_end; /* the end of the input was reached (and the file checked) */
  char       *sha256; /* lowercase hex SHA-256 of the file's bytes as read; NULL from memory */
};

static PdxCsvReader *
reader_new (const char *name, const char *data, gsize len)
{
  PdxCsvReader *reader = g_new0 (PdxCsvReader, 1);

  reader->name = g_strdup (name);
  reader->fd = -1;
  reader->data = data;
  reader->len = len;
  reader->size = len;
  reader->delimiter = ',';
  reader->encoding = "UTF-8";
  reader->line = 1;
  reader->buffer = g_string_sized_new (256);
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    reader->pos = reader->line_start = 3;
  return reader;
}

static gboolean check_unchanged (PdxCsvReader *reader, GError **error);

static PdxCsvReadHook read_hook;
static gpointer       read_hook_data;

void
pdx_csv_set_read_hook (PdxCsvReadHook hook, gpointer user_data)
{
  read_hook = hook;
  read_hook_data = user_data;
}

gboolean
pdx_files_read_failed (const char *path, int err, GError **error)
{
  g_autofree char *shown = pdx_text_shown (path);
  g_set_error (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_IO, _ ("%s: cannot read: %s"), shown,
               g_strerror (err));
  return FALSE;
}

/* Reads @fd to its end into a new NUL-terminated buffer, in chunks of at most 1 MiB (the size
 * given by fstat is only a hint: the file may change meanwhile, which the end-of-input check
 * reports). Each chunk goes through @checksum as it arrives: the file's SHA-256 is of the very
 * bytes parsed, from the one read. */
char *
pdx_files_read_all (
    const char *path, int fd, gsize hint, GChecksum *checksum, gsize *len, GError **error)
{
  gsize size = MAX (hint, 4096) + 1, n = 0;
  char *data = g_malloc (size);

  for (;;)
    {
      gssize got;
      if (n + 1 == size)
        data = g_realloc (data, size *= 2);
      got = read (fd, data + n, MIN (size - 1 - n, 1 << 20));
      if (got < 0 && errno == EINTR)
        continue;
      if (got < 0)
        {
          pdx_files_read_failed (path, errno, error);
          g_free (data);
          return NULL;
        }
      if (got == 0)
        break;
      g_checksum_update (checksum, (const guchar *) data + n, got);
      n += (gsize) got;
      if (read_hook)
        read_hook (path, n, read_hook_data);
    }
  data[n] = '\0';
  *len = n;
  return data;
}

PdxCsvReader *
pdx_csv_reader_open (const char *path, GError **error)
{
  return pdx_csv_reader_open_with (path, 0, error);
}

/* The file's bytes as Windows-1252, decoded to UTF-8 (a new buffer), when they are not UTF-8
 * and @flags allow it; NULL (not an error) when they are UTF-8 or cannot be Windows-1252 (the
 * UTF-8 check then reports where). A NUL byte is never text in either. */
static char *
decode_legacy (const char *data, gsize len, PdxCsvFlags flags, gsize *decoded_len)
{
  if (!(flags & PDX_CSV_WINDOWS_1252) || memchr (data, '\0', len) != NULL ||
      g_utf8_validate (data, (gssize) len, NULL))
    return NULL;
  return g_convert (data, (gssize) len, "UTF-8", "WINDOWS-1252", NULL, decoded_len, NULL);
}

/* The first of a tab (with @flags' PDX_CSV_SNIFF_TAB) or a semicolon (PDX_CSV_SNIFF_SEMICOLON)
 * or a comma in the first line separates the fields; a comma when the line has none. */
static char
sniff_delimiter (const char *data, gsize len, PdxCsvFlags flags)
{
  for (gsize i = 0; i < len && data[i] != '\n' && data[i] != '\r'; i++)
    if (data[i] == '\t' && (flags & PDX_CSV_SNIFF_TAB))
      return '\t';
    else if (data[i] == ';' && (flags & PDX_CSV_SNIFF_SEMICOLON))
      return ';';
    else if (data[i] == ',')
      return ',';
  return ',';
}

PdxCsvReader *
pdx_csv_reader_open_with (const char *path, PdxCsvFlags flags, GError **error)
{
  g_autofree char *decoded = NULL;
  gsize            decoded_len = 0;
  int              fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY, 0);
  struct stat      st;
  char            *data;
  gsize            len = 0;
  PdxCsvReader    *reader;
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  if (fd < 0)
    return pdx_files_read_failed (path, errno, error), NULL;
  if (fstat (fd, &st) != 0 || S_ISDIR (st.st_mode))
    {
      int err = S_ISDIR (st.st_mode) ? EISDIR : errno;
      close (fd);
      return pdx_files_read_failed (path, err, error), NULL;
    }
  data = pdx_files_read_all (path, fd, S_ISREG (st.st_mode) ? (gsize) st.st_size : 0, checksum,
                             &len, error);
  if (data == NULL)
    {
      close (fd);
      return NULL;
    }
  decoded = decode_legacy (data, len, flags, &decoded_len);
  if (decoded)
    {
      reader = reader_new (path, decoded, decoded_len);
      reader->owned = g_steal_pointer (&decoded);
      reader->encoding = "Windows-1252";
      reader->size = len;
      g_free (data);
    }
  else
    {
      reader = reader_new (path, data, len);
      reader->owned = data;
    }
  reader->flags = flags;
  if (flags & (PDX_CSV_SNIFF_TAB | PDX_CSV_SNIFF_SEMICOLON))
    reader->delimiter =
        sniff_delimiter (reader->data + reader->pos, reader->len - reader->pos, flags);
  reader->fd = fd;
  reader->opened = st;
  reader->sha256 = g_strdup (g_checksum_get_string (checksum));
  /* Cut short or written to while it was read: refused before anything is parsed. */
  if (!check_unchanged (reader, error))
    {
      pdx_csv_reader_free (reader);
      return NULL;
    }
  return reader;
}

/* At the end of the input: the file is as it was when opened (same size as what was read, same
 * modification time), so what was imported is the whole of one version of it. */
static gboolean
check_unchanged (PdxCsvReader *reader, GError **error)
{
  struct stat now;

  if (reader->fd < 0 || !S_ISREG (reader->opened.st_mode))
    return TRUE;
  if (fstat (reader->fd, &now) != 0)
    return pdx_files_read_failed (reader->name, errno, error);
  if ((gsize) now.st_size != reader->size || now.st_size != reader->opened.st_size ||
      now.st_mtim.tv_sec != reader->opened.st_mtim.tv_sec ||
      now.st_mtim.tv_nsec != reader->opened.st_mtim.tv_nsec)
    {
      g_autofree char *shown = pdx_text_shown (reader->name);
      g_set_error (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_IO,
                   _ ("%s: the file changed while it was being read; nothing was imported (import "
                      "it again once it is complete)"),
                   shown);
      return FALSE;
    }
  return TRUE;
}

PdxCsvReader *
pdx_csv_reader_new_for_data (const char *name, const char *text, gsize len)
{
  return reader_new (name, text, len);
}

void
pdx_csv_reader_free (PdxCsvReader *reader)
{
  if (reader == NULL)
    return;
  g_free (reader->owned);
  if (reader->fd >= 0)
    close (reader->fd);
  g_string_free (reader->buffer, TRUE);
  g_free (reader->starts);
  g_free (reader->columns);
  g_free (reader->column_lines);
  g_free (reader->fields);
  g_free (reader->name);
  g_free (reader->sha256);
  g_free (reader);
}

guint
pdx_csv_reader_get_field_line (PdxCsvReader *reader, guint index)
{
  if (index >= reader->n_fields)
    return reader->record_line;
  return reader->column_lines[index];
}

guint64
pdx_csv_reader_get_position (PdxCsvReader *reader, guint64 *total)
{
  if (total)
    *total = reader->len;
  return reader->pos;
}

const char *
pdx_csv_reader_get_name (PdxCsvReader *reader)
{
  return reader->name;
}

const char *
pdx_csv_reader_get_sha256 (PdxCsvReader *reader)
{
  return reader->sha256;
}

guint64
pdx_csv_reader_get_size (PdxCsvReader *reader)
{
  return reader->size;
}

char
pdx_csv_reader_get_delimiter (PdxCsvReader *reader)
{
  return reader->delimiter;
}

const char *
pdx_csv_reader_get_encoding (PdxCsvReader *reader)
{
  return reader->encoding;
}

guint
pdx_csv_reader_get_line (PdxCsvReader *reader)
{
  return reader->record_line;
}

/* 1-based character column of byte @offset on the line starting at the line containing it. */
static guint
column_of (PdxCsvReader *reader, gsize offset)
{
  gsize start = offset;
  while (start > 0 && reader->data[start - 1] != '\n' && reader->data[start - 1] != '\r')
    start--;
  /* A byte-order mark is not a character of the text. */
  if (start == 0 && reader->len >= 3 && memcmp (reader->data, "\xEF\xBB\xBF", 3) == 0)
    start = MIN (3, offset);
  if (!g_utf8_validate (reader->data + start, (gssize) (offset - start), NULL))
    return (guint) (offset - start) + 1;
  return (guint) g_utf8_strlen (reader->data + start, (gssize) (offset - start)) + 1;
}

guint
pdx_csv_reader_get_column (PdxCsvReader *reader, guint index)
{
  if (index >= reader->n_fields)
    return 1;
  return column_of (reader, reader->columns[index]);
}

/* Whether the byte at @at ends a line: LF, or a CR not followed by LF (CR-only files). */
static inline gboolean
ends_line (PdxCsvReader *reader, gsize at)
{
  char c = reader->data[at];
  return c == '\n' || (c == '\r' && (at + 1 >= reader->len || reader->data[at + 1] != '\n'));
}

static guint
line_of (PdxCsvReader *reader, gsize offset)
{
  guint line = 1;
  for (gsize i = 0; i < offset; i++)
    line += ends_line (reader, i);
  return line;
}

/* Checks the whole input once: UTF-8 text, no NUL byte, not empty. */
static gboolean
check_text (PdxCsvReader *reader, GError **error)
{
  const char *end = NULL;
  gsize       blank_end = reader->pos;

  reader->checked = TRUE;
  while (blank_end < reader->len && strchr (" \t\r\n", reader->data[blank_end]) &&
         reader->data[blank_end] != '\0')
    blank_end++;
  if (blank_end == reader->len)
    {
      g_set_error (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_FORMAT,
                   _ ("%s:1:1: the file is empty; expected a CSV header line"), reader->name);
      return FALSE;
    }
  if (!g_utf8_validate (reader->data, (gssize) reader->len, &end))
    {
      gsize    at = (gsize) (end - reader->data);
      gboolean nul = reader->data[at] == '\0';
      g_set_error (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_FORMAT,
                   _ ("%s:%u:%u: %s; expected UTF-8 CSV text"), reader->name, line_of (reader, at),
                   column_of (reader, at),
                   nul ? _ ("a NUL byte (is this a binary file?)")
                   : (reader->flags & PDX_CSV_WINDOWS_1252)
                       ? _ ("bytes that are neither UTF-8 nor Windows-1252")
                       : _ ("bytes that are not UTF-8"));
      return FALSE;
    }
  return TRUE;
}

static void
advance_line (PdxCsvReader *reader, gsize newline_at)
{
  reader->line++;
  reader->line_start = newline_at + 1;
}

static void
field_begin (PdxCsvReader *reader)
{
  guint i = reader->n_fields++;

  if (i == reader->capacity)
    {
      reader->capacity = MAX (16, 2 * reader->capacity);
      reader->starts = g_renew (guint, reader->starts, reader->capacity);
      reader->columns = g_renew (gsize, reader->columns, reader->capacity);
      reader->column_lines = g_renew (guint, reader->column_lines, reader->capacity);
      reader->fields = g_renew (char *, reader->fields, reader->capacity);
    }
  reader->starts[i] = (guint) reader->buffer->len;
  reader->columns[i] = reader->pos;
  reader->column_lines[i] = reader->line;
}

/* Parses one quoted field; pos is at the opening quote. */
static gboolean
parse_quoted (PdxCsvReader *reader, GError **error)
{
  gsize open_at = reader->pos;
  guint open_line = reader->line;

  reader->pos++;
  for (;;)
    {
      const char *p = reader->data + reader->pos;
      gsize       left = reader->len - reader->pos;
      const char *q = memchr (p, '"', left);
      gsize       chunk = q ? (gsize) (q - p) : left;

      for (gsize i = 0; i < chunk; i++)
        if ((p[i] == '\n' || p[i] == '\r') && ends_line (reader, reader->pos + i))
          advance_line (reader, reader->pos + i);
      g_string_append_len (reader->buffer, p, (gssize) chunk);
      reader->pos += chunk;
      if (q == NULL)
        {
          g_set_error (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_FORMAT,
                       _ ("%s:%u:%u: a quoted field is never closed; expected a closing '\"'"),
                       reader->name, open_line, column_of (reader, open_at));
          return FALSE;
        }
      reader->pos++; /* past the quote */
      if (reader->pos < reader->len && reader->data[reader->pos] == '"')
        {
          g_string_append_c (reader->buffer, '"');
          reader->pos++;
          continue;
        }
      if (reader->pos >= reader->len || reader->data[reader->pos] == reader->delimiter ||
          reader->data[reader->pos] == '\r' || reader->data[reader->pos] == '\n')
        return TRUE;
      /* Text after a closing quote: RFC 4180 allows none. Refused rather than guessed at, since
       * a guess can merge lines into one field. */
      g_set_error (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_FORMAT,
                   _ ("%s:%u:%u: '%c' after the closing quote of a field; expected %s or the end "
                      "of the line (a quote inside a quoted field is written \"\")"),
                   reader->name, reader->line, column_of (reader, reader->pos),
                   reader->data[reader->pos],
                   /* TRANSLATORS: what separates the fields of a tab-delimited export */
                   reader->delimiter == '\t'  ? _ ("a tab")
                   : reader->delimiter == ';' ? "';'"
                                              : "','");
      return FALSE;
    }
}

static void
parse_plain (PdxCsvReader *reader)
{
  const char *p = reader->data + reader->pos;
  gsize       left = reader->len - reader->pos, n = 0;

  /* The mapped file is not NUL-terminated: scan within bounds. */
  while (n < left && p[n] != reader->delimiter && p[n] != '\r' && p[n] != '\n')
    n++;
  g_string_append_len (reader->buffer, p, (gssize) n);
  reader->pos += n;
}

gboolean
pdx_csv_reader_next (PdxCsvReader *reader, char ***fields, guint *n_fields, GError **error)
{
  if (!reader->checked && !check_text (reader, error))
    return FALSE;

  /* Skip blank lines. */
  while (reader->pos < reader->len &&
         (reader->data[reader->pos] == '\n' || reader->data[reader->pos] == '\r'))
    {
      if (ends_line (reader, reader->pos))
        advance_line (reader, reader->pos);
      reader->pos++;
    }
  if (reader->pos >= reader->len)
    {
      /* The end of the input: once, whether it was the whole of one version of the file. */
      if (!reader->at_end)
        {
          reader->at_end = TRUE;
          check_unchanged (reader, error);
        }
      return FALSE;
    }

  g_string_truncate (reader->buffer, 0);
  reader->n_fields = 0;
  reader->record_line = reader->line;

  for (;;)
    {
      field_begin (reader);
      if (reader->pos < reader->len && reader->data[reader->pos] == '"')
        {
          if (!parse_quoted (reader, error))
            return FALSE;
        }
      else
        parse_plain (reader);
      g_string_append_c (reader->buffer, '\0');
      if (reader->pos < reader->len && reader->data[reader->pos] == reader->delimiter)
        {
          reader->pos++;
          continue;
        }
      break;
    }
  /* End of record: CR LF, LF, CR alone, or end of input. */
  if (reader->pos < reader->len && reader->data[reader->pos] == '\r')
    {
      if (ends_line (reader, reader->pos))
        advance_line (reader, reader->pos);
      reader->pos++;
    }
  if (reader->pos < reader->len && reader->data[reader->pos] == '\n')
    {
      advance_line (reader, reader->pos);
      reader->pos++;
    }

  /* The buffer has stopped growing: its fields can be pointed at now. */
  for (guint i = 0; i < reader->n_fields; i++)
    reader->fields[i] = reader->buffer->str + reader->starts[i];
  *fields = reader->fields;
  *n_fields = reader->n_fields;
  return TRUE;
}

void
pdx_csv_write_field (GString *out, const char *field)
{
  gsize n;

  if (field == NULL)
    return;
  n = strlen (field);
  if (strpbrk (field, ",\"\r\n") == NULL &&
      (n == 0 || (!g_ascii_isspace (field[0]) && !g_ascii_isspace (field[n - 1]))))
    {
      g_string_append_len (out, field, (gssize) n);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = field; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

void
pdx_csv_write_record (GString *out, const char *const *fields, guint n_fields)
{
  for (guint i = 0; i < n_fields; i++)
    {
      if (i)
        g_string_append_c (out, ',');
      pdx_csv_write_field (out, fields[i]);
    }
  g_string_append_c (out, '\n');
}
