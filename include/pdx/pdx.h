/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx.h — the umbrella header of pdx-core. */
#pragma once

#include "pdx-error.h"
#include "pdx-auth.h"
#include "pdx-format.h"
#include "pdx-i18n.h"
#include "pdx-db.h"
#include "pdx-model.h"
#include "pdx-sheet.h"
#include "pdx-changes.h"
#include "pdx-audit.h"
#include "pdx-correct.h"
#include "pdx-csv.h"
#include "pdx-import.h"
#include "pdx-study-data.h"
#include "pdx-wording.h"
#include "pdx-analysis.h"
#include "pdx-chart.h"
#include "pdx-demo.h"
#include "pdx-export.h"
#include "pdx-report.h"
