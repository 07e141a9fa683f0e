/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-mice-dialogs.h — the small forms of the Mice page: add in bulk, randomise, endpoint,
 * exclude, delete, edit. Each is a composite template of its own (pdx-*-dialog.{c,h,ui}); this
 * file opens them and holds what they share. Each writes through pdx-core, announces the change
 * on the lab and reports with a win.toast activated on @origin. */
#pragma once

#include <adwaita.h>

#include "pdx-lab.h"

G_BEGIN_DECLS

/* The form widgets are template children (gtk_widget_get_template_child with the dialog's own
 * type), named as below. */

/* A PdxAddMiceDialog: "count" (GtkSpinButton), "prefix", "cage", "sex", "implant_date"
 * (AdwEntryRow). Response "add". */
AdwMessageDialog *
pdx_mice_dialog_add (GtkWidget *origin, GtkWindow *parent, PdxLab *lab, gint64 study_id);
/* A PdxRandomiseDialog showing the balance report ("report", GtkLabel) of a planned
 * randomisation; response "randomise" writes it. When no plan can be made, an alert "Cannot
 * Randomise" with the reason. */
AdwMessageDialog *
pdx_mice_dialog_randomise (GtkWidget *origin, GtkWindow *parent, PdxLab *lab, gint64 study_id);
/* A PdxEndpointDialog: "date", "note" (AdwEntryRow), "kind" (GtkDropDown of PdxEndpointKind),
 * "event" (GtkCheckButton). Response "record". */
AdwMessageDialog *
pdx_mice_dialog_endpoint (GtkWidget *origin, GtkWindow *parent, PdxLab *lab, gint64 mouse_id);
/* A PdxExcludeDialog: "reason" (AdwEntryRow). Response "exclude". */
AdwMessageDialog *
pdx_mice_dialog_exclude (GtkWidget *origin, GtkWindow *parent, PdxLab *lab, gint64 mouse_id);
/* A PdxDeleteMouseDialog: "reason" (AdwEntryRow, required). Response "delete". Only a mouse
 * with no measurement and no endpoint is deleted (registered by mistake); any other is refused
 * with a toast that says to exclude it instead. The audit log keeps the deleted row and the
 * reason. */
AdwMessageDialog *
pdx_mice_dialog_delete (GtkWidget *origin, GtkWindow *parent, PdxLab *lab, gint64 mouse_id);
/* A PdxEditMouseDialog: "tag", "cage", "sex", "strain", "birth_date", "implant_date", "reason"
 * (AdwEntryRow), "arm" (AdwComboRow: "not randomised", then the study's arms in pdx_arm_list
 * order). Response "save". A change of arm needs a reason (Save is disabled until one is typed),
 * which goes into the audit log; when the mouse has measurements after day 0, a second dialog
 * "Move Mouse TAG?" (responses "cancel", "move") asks first. When the mouse cannot be read, an
 * alert "Cannot Edit". */
AdwMessageDialog *
pdx_mice_dialog_edit (GtkWidget *origin, GtkWindow *parent, PdxLab *lab, gint64 mouse_id);

/* ---- shared by the dialogs ---------------------------------------------------------------- */

/* Whom a dialog writes for: the lab, the study or mouse, and the widget its toasts go to. */
typedef struct
{
  GtkWidget *origin; /* weak */
  PdxLab    *lab;
  gint64     id; /* study or mouse */
} PdxMiceDialogContext;

void pdx_mice_dialog_context_init (PdxMiceDialogContext *context,
                                   GtkWidget            *origin,
                                   PdxLab               *lab,
                                   gint64                id);
void pdx_mice_dialog_context_copy (PdxMiceDialogContext *copy, const PdxMiceDialogContext *from);
void pdx_mice_dialog_context_clear (PdxMiceDialogContext *context);
/* A toast with @message on the origin (nothing when the origin is gone). */
void pdx_mice_dialog_report (const PdxMiceDialogContext *context, const char *message);
/* A toast "WHAT: error message". */
void pdx_mice_dialog_report_error (const PdxMiceDialogContext *context,
                                   const char                 *what,
                                   const GError               *error);
/* The text of @editable without surrounding blanks; NULL when that is empty. */
char *pdx_mice_dialog_dup_text (GtkEditable *editable);
/* An alert with @heading, @body and a Close button (a dialog that cannot open its form). */
AdwMessageDialog *pdx_mice_dialog_alert (GtkWindow *parent, const char *heading, const char *body);

G_END_DECLS
