/*
 * GCC 13's libstdc++ exports std::ios_base_library_init() (GLIBCXX_3.4.32) and compilers that link
 * against it emit a reference to the symbol so that iostreams are initialised. Older libstdc++ builds
 * (Debian 12 stops at GLIBCXX_3.4.30) initialise iostreams from their own constructors, so the
 * reference only has to resolve: an empty function is a faithful stand-in.
 *
 * Built by LibTorchSharp.Glibcxx.targets only when the system libstdc++ lacks GLIBCXX_3.4.32.
 */
void _ZSt21ios_base_library_initv(void) {}
