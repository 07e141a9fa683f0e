/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-import-ivis.h — the pieces of the IVIS importer that read text, not rows: acquisition
 * times and the ClickInfo settings (pdx-import-ivis-info.c). Private to the import module. */
#pragma once

#include "pdx-import-private.h"

G_BEGIN_DECLS

/* The acquisition time an Image Number carries, as "YYYY-MM-DDThh:mm:ss": Living Image names
 * images <initials><YYYYMMDDhhmmss>_<sequence><letters>, e.g. "JD20260305103215_001a". NULL
 * when @image_number is not of that form or its time is not a real one. */
char *pdx_ivis_image_number_time (const char *image_number);

/* A Date and Time label as "YYYY-MM-DDThh:mm:ss": "2026-03-05 10:32:15" (or with T), "Thursday,
 * March 05, 2026 10:32:15", or "3/5/2026 10:32:15 AM". A slashed date whose month and day could
 * be read either way is taken only when @hint (a "YYYY-MM-DD…" from the Image Number, or NULL)
 * is one of the readings; otherwise NULL with *@ambiguous set. NULL for anything else. */
char *pdx_ivis_parse_date_time (const char *text, const char *hint, gboolean *ambiguous);

/* The luminescent image's acquisition settings. */
typedef struct
{
  gboolean found;         /* the file had at least one of them */
  char    *file;          /* "AnalyzedClickInfo.txt" or "ClickInfo.txt", NULL when there was none */
  int      binning;       /* 0: not given */
  double   exposure_s;    /* NAN: not given */
  double   f_number;      /* NAN: not given */
  char    *field_of_view; /* as written (cm, or the stage letter), or NULL */
} PdxIvisSettings;

void pdx_ivis_settings_clear (PdxIvisSettings *settings);
/* Reads "Key: value" lines of the "*** Luminescent Image" section of @text (UTF-8 or
 * Windows-1252): Binning Factor, Exposure Time (s), F Number, Field of View; other keys and
 * sections (the photograph's own exposure) are skipped. A malformed value is a
 * "FILE:LINE:COLUMN: …" PDX_IMPORT_ERROR_VALUE. */
gboolean pdx_ivis_settings_parse (
    PdxIvisSettings *settings, const char *path, const char *text, gsize len, GError **error);
/* The settings of AnalyzedClickInfo.txt, else ClickInfo.txt, in the folder of @export_path;
 * TRUE with settings->file NULL when neither is there. */
gboolean
pdx_ivis_settings_read_beside (PdxIvisSettings *settings, const char *export_path, GError **error);

G_END_DECLS
