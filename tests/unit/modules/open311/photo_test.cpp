// open311/photo.h: a photo of the "Gửi phản ánh" form is a JPEG or PNG by its content, at most
// kMaxPhotoBytes, and is published without its metadata (EXIF and comments in a JPEG; text, EXIF
// and time chunks in a PNG); anything that does not parse is refused.
#include <gtest/gtest.h>

#include <string>

#include "modules/open311/photo.h"

using namespace tinhso;
using namespace tinhso::open311;

namespace {

std::string segment(unsigned char marker, const std::string& payload) {
  std::string s{'\xFF', static_cast<char>(marker)};
  std::size_t len = payload.size() + 2;
  s += static_cast<char>(len >> 8);
  s += static_cast<char>(len & 0xFF);
  return s + payload;
}

const std::string kSoi("\xFF\xD8", 2);
const std::string kJfif = segment(0xE0, std::string("JFIF\0\x01\x01\0\0\x01\0\x01\0\0", 14));
const std::string kQuant = segment(0xDB, std::string(65, '\x01'));
const std::string kScan = segment(0xDA, std::string("\x01\x01\0\0\x3F\0", 6)) + std::string("\x12\x34\xFF\x00\x56\xFF\xD9", 7);

std::string chunk(const std::string& type, const std::string& data) {
  std::string s;
  for (int shift : {24, 16, 8, 0}) s += static_cast<char>((data.size() >> shift) & 0xFF);
  return s + type + data + std::string(4, '\x7F');  // the CRC is not checked
}
const std::string kPngSig("\x89PNG\r\n\x1A\n", 8);
const std::string kIhdr = chunk("IHDR", std::string(13, '\x01'));
const std::string kIdat = chunk("IDAT", "pixels");
const std::string kIend = chunk("IEND", "");

}  // namespace

TEST(Open311Photo, JpegLosesExifAndCommentsKeepsTheRest) {
  std::string exif = segment(0xE1, "Exif\0\0OwnerName=Nguyen Van A GPS");
  std::string xmp = segment(0xE1, "http://ns.adobe.com/xap/1.0/ <x:xmpmeta>");
  std::string comment = segment(0xFE, "Chup boi dien thoai cua Tran Thi B");
  std::string icc = segment(0xE2, "ICC_PROFILE");
  auto out = strip_jpeg_metadata(kSoi + kJfif + exif + xmp + comment + icc + kQuant + kScan);
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(*out, kSoi + kJfif + kQuant + kScan);
  auto checked = check_photo(kSoi + kJfif + exif + kQuant + kScan, 100);
  ASSERT_TRUE(checked.photo.has_value());
  EXPECT_EQ(checked.photo->type, document::FileType::jpeg);
  EXPECT_EQ(checked.photo->bytes.find("Nguyen"), std::string::npos);
  EXPECT_FALSE(checked.problem.has_value());
}

TEST(Open311Photo, JpegThatDoesNotParseIsRefused) {
  EXPECT_FALSE(strip_jpeg_metadata(kSoi).has_value());                                // no scan
  EXPECT_FALSE(strip_jpeg_metadata(kSoi + kJfif).has_value());                        // ends before a scan
  EXPECT_FALSE(strip_jpeg_metadata(kSoi + kJfif.substr(0, 6)).has_value());           // a cut segment
  EXPECT_FALSE(strip_jpeg_metadata(kSoi + "junk" + kScan).has_value());               // not a marker
  EXPECT_FALSE(strip_jpeg_metadata(kSoi + std::string("\xFF\xD9", 2)).has_value());   // EOI first
  EXPECT_FALSE(strip_jpeg_metadata(kSoi + segment(0xE0, "") .substr(0, 3) + "\x01").has_value());
  auto checked = check_photo(kSoi + std::string("\xFF\xE0\x00\x01", 4), 6);           // length below 2
  EXPECT_EQ(checked.problem, PhotoProblem::bad_type);
  EXPECT_FALSE(checked.photo.has_value());
}

TEST(Open311Photo, PngLosesTextExifAndTimeChunks) {
  std::string png = kPngSig + kIhdr + chunk("tEXt", std::string("Author\0Le Van C", 15)) + chunk("eXIf", "MM") +
                    chunk("iTXt", "Comment") + chunk("zTXt", "x") + chunk("tIME", "1234567") + kIdat + kIend;
  auto out = strip_png_metadata(png);
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(*out, kPngSig + kIhdr + kIdat + kIend);
  EXPECT_FALSE(strip_png_metadata(kPngSig + kIhdr + kIdat).has_value()) << "no IEND";
  std::string lying = kPngSig + kIhdr;
  lying += std::string("\x7F\xFF\xFF\xFF", 4) + "IDAT";
  EXPECT_FALSE(strip_png_metadata(lying).has_value()) << "a chunk longer than the file";
}

TEST(Open311Photo, OnlyJpegAndPngWithinTheCap) {
  EXPECT_EQ(check_photo("%PDF-1.4\n%%EOF", 14).problem, PhotoProblem::bad_type);
  EXPECT_EQ(check_photo("", 0).problem, PhotoProblem::bad_type);
  EXPECT_EQ(check_photo("<html>", 6).problem, PhotoProblem::bad_type);
  std::string png = kPngSig + kIhdr + kIdat + kIend;
  EXPECT_EQ(check_photo(png, png.size()).photo->type, document::FileType::png);
  EXPECT_EQ(check_photo("", kMaxPhotoBytes + 1).problem, PhotoProblem::too_big) << "over the cap, unread";
  std::string big = png + std::string(kMaxPhotoBytes, '\0');
  EXPECT_EQ(check_photo(big, big.size()).problem, PhotoProblem::too_big);
}
