#include "core/document/qr.h"

#include <qrencode.h>

#include <cerrno>
#include <memory>
#include <stdexcept>

namespace tinhso::document {

namespace {
QRecLevel to_qrencode(QrLevel level) {
  switch (level) {
    case QrLevel::low: return QR_ECLEVEL_L;
    case QrLevel::medium: return QR_ECLEVEL_M;
    case QrLevel::quartile: return QR_ECLEVEL_Q;
    case QrLevel::high: return QR_ECLEVEL_H;
  }
  return QR_ECLEVEL_M;
}
}  // namespace

QrMatrix qr_encode(std::string_view text, QrLevel level) {
  if (text.empty()) throw std::invalid_argument("QR: nothing to encode");
  const std::string input(text);
  errno = 0;
  std::unique_ptr<QRcode, void (*)(QRcode*)> qr(QRcode_encodeString8bit(input.c_str(), 0, to_qrencode(level)),
                                                 QRcode_free);
  if (!qr) {
    if (errno == ERANGE) throw std::invalid_argument("QR: text too long (" + std::to_string(text.size()) + " bytes)");
    throw std::runtime_error("QR: libqrencode failed");
  }
  QrMatrix m{qr->width, std::vector<std::uint8_t>(static_cast<std::size_t>(qr->width) * qr->width)};
  for (std::size_t i = 0; i < m.modules.size(); ++i) m.modules[i] = qr->data[i] & 1;
  return m;
}

std::string qr_svg(const QrMatrix& qr) {
  const std::string size = std::to_string(qr.size + 2 * kQrQuietZone);
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size +
                    "\" shape-rendering=\"crispEdges\" aria-hidden=\"true\" focusable=\"false\">"
                    "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"";
  for (int y = 0; y < qr.size; ++y)
    for (int x = 0; x < qr.size; ++x)
      if (qr.dark(x, y))
        svg += "M" + std::to_string(x + kQrQuietZone) + " " + std::to_string(y + kQrQuietZone) + "h1v1h-1z";
  svg += "\"/></svg>";
  return svg;
}

}  // namespace tinhso::document
