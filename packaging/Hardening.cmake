# Hardening for release builds (Release, RelWithDebInfo, MinSizeRel) with GCC or Clang on ELF
# systems, as Debian's dpkg-buildflags would add them: fortified libc calls, stack protector and
# stack clash protection, position-independent executables, read-only relocations bound at load.
# Included before the targets are defined, so it applies to all of them.
# Installed binaries carry no RPATH: everything they link is in the system's library path.
set(CMAKE_SKIP_INSTALL_RPATH ON)

option(HOOKBENCH_HARDENING "Hardening flags for release builds" ON)

if(HOOKBENCH_HARDENING AND NOT HOOKBENCH_FUZZ AND NOT WIN32 AND NOT APPLE
   AND CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    # Qt 6 is built with -reduce-relocations and asks for -fPIC rather than -fPIE (its targets
    # add -fPIC); executables are still linked as PIE (-pie).
    set(CMAKE_POSITION_INDEPENDENT_CODE ON)
    include(CheckPIESupported)
    check_pie_supported(LANGUAGES CXX)

    set(release "$<CONFIG:Release,RelWithDebInfo,MinSizeRel>")
    # _FORTIFY_SOURCE=3 needs GCC 12 (or Clang 16) and glibc 2.34; 2 otherwise.
    set(fortify 2)
    if((CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 12)
       OR (CMAKE_CXX_COMPILER_ID STREQUAL "Clang" AND CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 16))
        set(fortify 3)
    endif()
    add_compile_options(
        "$<${release}:-U_FORTIFY_SOURCE;-D_FORTIFY_SOURCE=${fortify}>"
        "$<${release}:-fstack-protector-strong;-fstack-clash-protection>")
    if(CMAKE_SYSTEM_PROCESSOR MATCHES "x86_64|AMD64|i.86")
        add_compile_options("$<${release}:-fcf-protection>")
    endif()
    add_link_options("$<${release}:LINKER:-z,relro;LINKER:-z,now;LINKER:-z,noexecstack>")
endif()
