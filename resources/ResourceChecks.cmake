# The desktop files' validators, registered in CTest (scripts/test.sh runs them). Each check
# fails, never skips, when its tool is missing: scripts/setup.sh --test installs them.
set(checks ${PROJECT_SOURCE_DIR}/tests/packaging)
set(id ${HOOKBENCH_APP_ID})

add_test(NAME packaging_desktop_file
         COMMAND ${checks}/desktop-file.sh ${CMAKE_CURRENT_SOURCE_DIR}/${id}.desktop)
add_test(NAME packaging_metainfo
         COMMAND ${checks}/metainfo.sh ${CMAKE_CURRENT_BINARY_DIR}/${id}.metainfo.xml
                 ${PROJECT_VERSION})
add_test(NAME packaging_mime_xml
         COMMAND ${checks}/mime-xml.sh ${CMAKE_CURRENT_SOURCE_DIR}/${id}.mime.xml)
add_test(NAME packaging_flatpak_manifest
         COMMAND ${checks}/flatpak-manifest.sh ${PROJECT_SOURCE_DIR}/packaging/${id}.yml ${id})
add_test(NAME packaging_man_pages
         COMMAND ${checks}/man-pages.sh ${CMAKE_CURRENT_BINARY_DIR}/man/hookbench.1
                 ${CMAKE_CURRENT_BINARY_DIR}/man/hookbench-cli.1)
add_test(NAME packaging_completions
         COMMAND ${checks}/completions.sh ${CMAKE_CURRENT_SOURCE_DIR}/completions
                 $<TARGET_FILE_DIR:hookbench-cli>)
set(version_args ${PROJECT_SOURCE_DIR} ${PROJECT_VERSION} ${HOOKBENCH_RELEASE_DATE}
    ${CMAKE_CURRENT_BINARY_DIR}/changelog.Debian $<TARGET_FILE:hookbench-cli>)
if(HOOKBENCH_BUILD_GUI)
    list(APPEND version_args $<TARGET_FILE:hookbench>)
endif()
add_test(NAME packaging_versions COMMAND ${checks}/versions.sh ${version_args})

# The MIME package as a file manager sees it: installed into a private XDG data dir,
# update-mime-database run, and files typed by Qt's QMimeDatabase (shared-mime-info's reader).
hb_add_test(tst_mime_types SOURCES ${checks}/MimeTypesTest.cpp LIBS SQLite::SQLite3)
target_compile_definitions(tst_mime_types PRIVATE
    HB_MIME_PACKAGE="${CMAKE_CURRENT_SOURCE_DIR}/${id}.mime.xml")

if(HOOKBENCH_BUILD_GUI)
    hb_add_test(tst_about_dialog SOURCES ${checks}/AboutDialogTest.cpp LIBS hookbench_ui)
endif()
