#pragma once
// QR codes (ISO/IEC 18004) on libqrencode: the module matrix, for the PDF renderer to draw as
// vector rectangles and for SVG output. Pure functions, safe to call from several threads.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tinhso::document {

// Error-correction level: M restores ≈15 % of damaged modules, Q ≈25 % (printed receipts).
enum class QrLevel { low, medium, quartile, high };

// A square of `size` × `size` modules, row by row; true = dark. The 4-module quiet zone the
// standard asks for around it is not included: the drawing code leaves it blank.
struct QrMatrix {
  int size = 0;
  std::vector<std::uint8_t> modules;
  bool dark(int x, int y) const { return modules[static_cast<std::size_t>(y * size + x)] != 0; }
};

inline constexpr int kQrQuietZone = 4;

// Encodes `text` as 8-bit bytes (UTF-8 passes through), smallest version that fits.
// Throws std::invalid_argument if `text` is empty or too long for a QR code (> 2,331 bytes at
// level M), std::runtime_error if libqrencode fails otherwise.
QrMatrix qr_encode(std::string_view text, QrLevel level = QrLevel::medium);

// A standalone SVG document: dark modules on white inside the quiet zone, one path, no script;
// aria-hidden, so the page must carry the text it encodes in words.
std::string qr_svg(const QrMatrix& qr);

}  // namespace tinhso::document
