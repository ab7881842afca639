#pragma once
// The typed exceptions of dermaflux. Every failure a user can cause ends in exactly
// one of these, caught once in `main`, printed as one line, and turned into a non-zero
// exit status. Internal invariants use assert() instead.

#include <stdexcept>
#include <string>

namespace dermaflux {

// Base of everything dermaflux throws on purpose.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Where in a user's file something was found (1-based line and column; 0 = unknown).
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;
};

// Bad input: names the file, line, column and key path, what was expected and what
// was found, and optionally how to fix it. what() is the whole one-line message:
//   case.yaml:12:18: skin.layers[1].thickness: expected a positive length such as
//   "70 um", found "-70 um"
class InputError : public Error {
 public:
  InputError(SourceLocation where, std::string key_path, std::string expected, std::string found,
             std::string hint = {});

  const SourceLocation& where() const { return where_; }
  const std::string& key_path() const { return key_path_; }
  const std::string& expected() const { return expected_; }
  const std::string& found() const { return found_; }

 private:
  SourceLocation where_;
  std::string key_path_;
  std::string expected_;
  std::string found_;
};

// A command that cannot be carried out as asked (e.g. an output folder holding a
// finished run of another case): says what to do instead.
class UsageError : public Error {
 public:
  using Error::Error;
};

// A run stopped on request (SIGINT, SIGTERM) after saving a checkpoint.
class Interrupted : public Error {
 public:
  using Error::Error;
};

// A computation that could not proceed (a linear solve that does not converge, a
// NaN in the field): says when and what to change.
class NumericalError : public Error {
 public:
  using Error::Error;
};

// A file that could not be read or written.
class IoError : public Error {
 public:
  using Error::Error;
};

}  // namespace dermaflux
