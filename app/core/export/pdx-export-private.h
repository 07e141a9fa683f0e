/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-export-private.h — what the export module's own files share (export/ only). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether the XLSX zip in @data is whole: its directory readable and every XML part inflating to
 * a document that ends with its root's end tag. FALSE with a sentence in *@problem (owned). */
gboolean pdx_xlsx_check_whole (const guint8 *data, gsize len, char **problem);

G_END_DECLS
