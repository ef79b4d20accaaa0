# CPack: every package is made from the one set of install rules (app/, resources/).
# Linux: DEB, RPM (each with a debug-symbols package) and TGZ. Windows: WiX MSI. macOS: a
# DragNDrop disk image of the app bundle. See packaging/README.md for building each.
set(CPACK_PACKAGE_NAME hookbench)
set(CPACK_PACKAGE_VENDOR "The Hookbench developers")
set(CPACK_PACKAGE_CONTACT "Hookbench developers <hookbench@users.noreply.github.com>")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://github.com/hookbench/hookbench")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "desktop webhook inspector")
set(CPACK_PACKAGE_DESCRIPTION
    "Hookbench runs a local HTTP listener, keeps every webhook request byte for
byte in a durable store and shows it as raw bytes, headers and parsed body
side by side. It verifies signatures as each provider's SDK does (Stripe,
GitHub, Shopify, Slack, Twilio, Standard Webhooks and more, or any HMAC
scheme) and explains a failure by recomputing the signature. Secrets are kept
in the system keychain.
.
This package holds the desktop app, hookbench, and the command-line tool,
hookbench-cli, which listens, signs, verifies and exports in scripts and CI.")
set(CPACK_PACKAGE_INSTALL_DIRECTORY Hookbench)
set(CPACK_PACKAGE_EXECUTABLES hookbench Hookbench)
# WiX wants the license as .txt or .rtf.
configure_file(${PROJECT_SOURCE_DIR}/LICENSE ${PROJECT_BINARY_DIR}/LICENSE.txt COPYONLY)
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_BINARY_DIR}/LICENSE.txt)
# Stripped in the TGZ only (packaging/CPackOptions.cmake): the DEB and RPM generators move the
# debug information into their debug-symbols packages, which needs unstripped binaries.
set(CPACK_PROJECT_CONFIG_FILE ${PROJECT_SOURCE_DIR}/packaging/CPackOptions.cmake)
set(CPACK_SOURCE_IGNORE_FILES "/\\\\.git/" "/build[^/]*/" "/node_modules/")

if(WIN32)
    set(CPACK_GENERATOR WIX)
    # Fixed for every version, so that an MSI upgrades the one installed. Never change it.
    set(CPACK_WIX_UPGRADE_GUID "6C3E1F2A-8B0D-4E57-9A41-2F7D5C9B3E60")
    set(CPACK_WIX_PRODUCT_ICON ${PROJECT_SOURCE_DIR}/resources/icons/io.github.hookbench.Hookbench.ico)
    set(CPACK_WIX_PROGRAM_MENU_FOLDER Hookbench)
    set(CPACK_WIX_PROPERTY_ARPURLINFOABOUT ${CPACK_PACKAGE_HOMEPAGE_URL})
elseif(APPLE)
    set(CPACK_GENERATOR DragNDrop)
    set(CPACK_DMG_VOLUME_NAME Hookbench)
    set(CPACK_DMG_FORMAT UDZO)
    set(CPACK_PRE_BUILD_SCRIPTS ${PROJECT_SOURCE_DIR}/packaging/macos-codesign.cmake)
else()
    set(CPACK_GENERATOR DEB RPM TGZ)
endif()

# Debian: dependencies from the linked libraries (dpkg-shlibdeps), plus what it cannot see.
# QtKeychain loads libsecret with dlopen(), so libsecret-1-0 is needed for the Secret Service;
# a Secret Service provider (a keyring) is recommended, as QtKeychain's own package does.
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libsecret-1-0")
# fonts-symbola: the control pictures (␍ ␊ ␀ ...) the raw view draws for CR, LF and other controls
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS
    "gnome-keyring | keepassxc | kwalletmanager, qt6-wayland, fonts-symbola | fonts-noto-core")
set(CPACK_DEBIAN_PACKAGE_DEBUG OFF)
set(CPACK_DEBIAN_DEBUGINFO_PACKAGE ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_POST_BUILD_SCRIPTS ${PROJECT_SOURCE_DIR}/packaging/debian/fix-dbgsym.cmake)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)

# RPM: rpmbuild's automatic requires from the linked libraries, plus the same dlopen()ed libsecret.
set(CPACK_RPM_PACKAGE_RELEASE 1)
set(CPACK_RPM_FILE_NAME RPM-DEFAULT)
set(CPACK_RPM_PACKAGE_LICENSE "GPL-3.0-or-later")
set(CPACK_RPM_PACKAGE_GROUP "Development/Tools")
set(CPACK_RPM_PACKAGE_URL ${CPACK_PACKAGE_HOMEPAGE_URL})
set(CPACK_RPM_PACKAGE_SUMMARY "Desktop webhook inspector")
set(CPACK_RPM_PACKAGE_DESCRIPTION "${CPACK_PACKAGE_DESCRIPTION}")
string(REPLACE "\n.\n" "\n\n" CPACK_RPM_PACKAGE_DESCRIPTION "${CPACK_RPM_PACKAGE_DESCRIPTION}")

set(CPACK_RPM_PACKAGE_AUTOREQ ON)
set(CPACK_RPM_PACKAGE_AUTOPROV OFF)
set(CPACK_RPM_PACKAGE_REQUIRES "libsecret")
# A Secret Service provider would be a weak dependency (Recommends), but CPack 3.25 drops weak
# dependency tags when `rpm --suggests` fails, as Debian's rpm 4.18 does: documented instead.
# The debuginfo package relocates the source paths inside the binaries in place, so the source
# and build folders' paths must be longer than this prefix plus "/src_N"; packaging/test-deb.sh
# builds through long enough paths. With shorter ones there is no debuginfo package (warned).
set(CPACK_RPM_BUILD_SOURCE_DIRS_PREFIX /usr/src/debug/hookbench)
string(LENGTH "${CPACK_RPM_BUILD_SOURCE_DIRS_PREFIX}/src_0" needed)
string(LENGTH "${PROJECT_SOURCE_DIR}" source_length)
string(LENGTH "${PROJECT_BINARY_DIR}" binary_length)
if(source_length GREATER needed AND binary_length GREATER needed)
    set(CPACK_RPM_DEBUGINFO_PACKAGE ON)
else()
    message(STATUS "RPM debuginfo package: off (the source and build folders' paths must be "
                   "longer than ${needed} characters; see packaging/README.md)")
endif()
# Directories the system owns, so that the package does not claim them.
set(CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
    /usr/share/applications /usr/share/metainfo /usr/share/mime /usr/share/mime/packages
    /usr/share/icons /usr/share/icons/hicolor /usr/share/man /usr/share/man/man1
    /usr/share/bash-completion /usr/share/bash-completion/completions /usr/share/zsh
    /usr/share/zsh/vendor-completions /usr/share/fish /usr/share/fish/vendor_completions.d
    /usr/share/doc)
foreach(size scalable 16x16 22x22 24x24 32x32 48x48 64x64 128x128 256x256)
    list(APPEND CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
         /usr/share/icons/hicolor/${size} /usr/share/icons/hicolor/${size}/apps)
endforeach()

set(CPACK_ARCHIVE_COMPONENT_INSTALL OFF)
include(CPack)
