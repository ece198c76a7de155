// The receipt (Giấy tiếp nhận hồ sơ và hẹn trả kết quả, Decree 61/2018/NĐ-CP Art. 17; form of
// Circular 01/2018/TT-VPCP): issued when the desk receives a dossier, stored as its 'receipt'
// file in the same transaction. Always in Vietnamese (an official document); the QR code links to
// the public look-up of the dossier.
#include "core/auth/clock.h"
#include "core/document/pdf.h"
#include "core/text/format.h"
#include "modules/directory/api.h"
#include "modules/dossiers/intake_common.h"

namespace tinhso::dossiers::intake {

void store_receipt(soci::session& s, app::Context& ctx, const Dossier& d,
                   const procedures::Procedure& proc, const auth::Principal& officer) {
  const auto& cat = ctx.pages.catalog();
  auto t = [&](std::string_view id) { return cat.get("vi", id); };
  auto date = [](const std::string& iso) {
    auto day = calendar::parse_date(iso);
    return day ? text::format_date(std::chrono::year_month_day(*day), "vi") : iso;
  };
  auto desk = directory::agency_name(s, d.desk_agency_id);
  std::string received = text::format_datetime(auth::parse_iso_utc(d.received_at), "vi");
  std::string lookup_url = ctx.settings.public_url + "/lookup?code=" + d.code;

  std::vector<std::string> docs;
  for (const auto& f : list_files(s, d.id)) {
    if (f.role != "application" && f.role != "supplement") continue;
    std::string name = f.file_name;
    for (const auto& doc : proc.documents)
      if (doc.id == f.document_id) name = doc.name + " (" + f.file_name + ")";
    docs.push_back(name);
  }
  if (docs.empty()) docs.push_back(t("dossiers.receipt.no_documents"));

  document::Document doc;
  doc.title = t("dossiers.receipt.title") + " " + d.code;
  doc.subject = d.code;
  doc.blocks.push_back(document::Header{{{desk ? desk->name : "", {.bold = true}}},
                                        {{t("dossiers.receipt.nation"), {.bold = true}},
                                         {t("dossiers.receipt.motto"), {.bold = true, .underline = true}}}});
  doc.blocks.push_back(document::Spacer{6});
  doc.blocks.push_back(document::Title{t("dossiers.receipt.title"), cat.format("vi", "dossiers.receipt.code", {{"code", d.code}})});
  doc.blocks.push_back(document::KeyValueTable{{
      {t("dossiers.receipt.code_label"), d.code},
      {t("dossiers.receipt.applicant"), d.applicant_name},
      {t("dossiers.receipt.phone"), d.applicant_phone},
      {t("dossiers.receipt.address"), d.applicant_address},
      {t("dossiers.receipt.procedure"), proc.name},
      {t("dossiers.receipt.received_at"), received},
      {t("dossiers.receipt.appointment"), date(d.appointment_date)},
  }});
  doc.blocks.push_back(document::Paragraph{t("dossiers.receipt.documents"), {.bold = true}});
  doc.blocks.push_back(document::List{docs, true});
  doc.blocks.push_back(document::QrCode{lookup_url, cat.format("vi", "dossiers.receipt.qr", {{"url", lookup_url}})});
  doc.blocks.push_back(document::Signatures{{{t("dossiers.receipt.signer"), t("dossiers.receipt.signer_note"),
                                              officer.display_name}}});
  std::string pdf = document::render_pdf(doc);
  insert_file(s, {0, d.id, "receipt", 0, "giay-tiep-nhan-" + d.code + ".pdf", "application/pdf", "", d.received_at, 0,
                  officer.account_id},
              pdf);
}

}  // namespace tinhso::dossiers::intake
