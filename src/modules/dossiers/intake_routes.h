#pragma once
// The intake route groups (intake.cpp adds them all) and the upload caps they share.
#include "core/app/module.h"
#include "modules/dossiers/files.h"

namespace tinhso::dossiers::intake {

// Multipart routes taking documents: the per-file cap is checked again by content after the
// upload (files.h); the request-wide caps refuse a flood before it reaches the handler (413).
inline constexpr http::RouteOptions kUploadOptions{
    .multipart = true,
    .uploads = {.max_file_bytes = kMaxFileBytes + (1u << 20), .max_total_bytes = kMaxDossierBytes,
                .max_field_bytes = 16u << 10, .max_files = 20}};

void add_citizen_routes(http::Router& router, app::Context& ctx);
void add_desk_routes(http::Router& router, app::Context& ctx);
void add_lookup_routes(http::Router& router, app::Context& ctx);

}  // namespace tinhso::dossiers::intake
