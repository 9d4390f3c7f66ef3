#ifndef LOANCHECK_CYAML_SHIM_H
#define LOANCHECK_CYAML_SHIM_H
// libyaml comes from the system (Debian: libyaml-dev, Homebrew: libyaml); it is not vendored.
#include <yaml.h>
#endif
