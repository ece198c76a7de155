// Shared steps of the petition browser tests (petitions.test.mjs, petition-journey.test.mjs): the
// online form's feedback fields, and one action on the desk's petition page.
import assert from 'node:assert/strict';
import { main, label, button, path, clickAndWait } from './dossiers-journey.mjs';

export const AGENCY = 'Sở Khoa học và Công nghệ';  // the demo staff's (successor of SO-TTTT, issue 12 §14)

// On /petitions/new: chooses the kind (its radio label) and continues to its form.
export async function chooseKind(page, kind) {
  await main(page).getByRole('radio', { name: kind, exact: true }).check();
  await clickAndWait(page, button(page, 'Tiếp tục'));
}

// From /petitions/new: chooses feedback (phản ánh) and fills its form to AGENCY; `photo`: a file
// path for the file input.
export async function fillFeedback(page, subject, content, photo) {
  await chooseKind(page, 'Phản ánh');
  await label(page, 'Cơ quan nhận').selectOption({ label: AGENCY });
  await label(page, 'Tiêu đề').fill(subject);
  await label(page, 'Nội dung').fill(content);
  if (photo) await label(page, 'Ảnh, tài liệu kèm theo (không bắt buộc)').setInputFiles(photo);
}

// On the desk page of the petition open in `page`: takes `action` (its radio label) with the
// extra fields and the document file given, and returns to the petition's page.
export async function act(page, action, { note, kind, assignee, document } = {}) {
  await main(page).getByRole('radio', { name: action, exact: true }).check();
  if (kind) await label(page, 'Loại đơn').selectOption({ label: kind });
  if (assignee) await label(page, 'Giao cho (khi giao xác minh)').selectOption({ label: assignee });
  if (note) await label(page, 'Lý do, số văn bản hoặc ghi chú').fill(note);
  if (document) await label(page, 'Văn bản kèm theo (không bắt buộc)').setInputFiles(document);
  await clickAndWait(page, button(page, 'Thực hiện'));
  assert.match(path(page), /^\/petitions\/desk\/\d+$/, `after "${action}" back on the petition (at ${page.url()})`);
}
