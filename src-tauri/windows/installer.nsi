; 一本通 Windows installer (NSIS 3, Unicode), built on Linux by `bash scripts/release` with
; Debian's makensis:
;   makensis -INPUTCHARSET UTF8 -DVERSION=0.1.0 -DDIST=<dir with the exe files> \
;            -DICON=src-tauri/icons/icon.ico -DOUTFILE=<setup.exe> src-tauri/windows/installer.nsi
; DIST holds yibentong-app.exe (the app), yibentong.exe (the command line, also browser mode)
; and WebView2Loader.dll (the gnu build of the app loads it at run time).
; Per-user: no administrator rights; files in %LOCALAPPDATA%\Programs\Yibentong, the
; uninstaller registered under HKCU. The ledger (%APPDATA%\cn.yibentong.app) is kept on
; uninstall unless the user ticks 删除台账数据 or passes /DELETEDATA (`uninstall.exe /S /DELETEDATA`).

; A 64-bit installer (the app is x64 only): it also runs under a 64-bit-only Wine.
Target amd64-unicode
ManifestDPIAware true
RequestExecutionLevel user
SetCompressor /SOLID lzma

!ifndef VERSION
  !define VERSION "0.1.0"
!endif
!ifndef DIST
  !error "pass -DDIST=<folder with yibentong-app.exe, yibentong.exe, WebView2Loader.dll>"
!endif
!ifndef OUTFILE
  !define OUTFILE "yibentong_${VERSION}_x64-setup.exe"
!endif

!define PRODUCT "一本通"
!define IDENT "cn.yibentong.app"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${IDENT}"
; The WebView2 runtime's client id (Microsoft's documented detection keys).
!define WV2_GUID "{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"

Name "${PRODUCT}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\Yibentong"
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
BrandingText "${PRODUCT} ${VERSION}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=2052 "FileDescription" "${PRODUCT} 安装程序"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "MIT OR Apache-2.0"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"
!include "x64.nsh"

!ifdef ICON
  !define MUI_ICON "${ICON}"
  !define MUI_UNICON "${ICON}"
!endif
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\yibentong-app.exe"
!define MUI_FINISHPAGE_RUN_TEXT "启动一本通"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!define MUI_COMPONENTSPAGE_TEXT_TOP "默认只卸载程序，台账数据（$APPDATA\${IDENT}）保留，重新安装后可继续使用。勾选“删除台账数据”将永久删除本机台账，请先备份。"
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "SimpChinese"

Var WebView2Version

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_OK|MB_ICONSTOP "一本通需要 64 位 Windows 10 或 Windows 11。" /SD IDOK
    Abort
  ${EndIf}
FunctionEnd

; Sets $WebView2Version to the installed runtime's version, or "" when it is missing.
Function DetectWebView2
  StrCpy $WebView2Version ""
  SetRegView 64
  ReadRegStr $0 HKLM "SOFTWARE\WOW6432Node\Microsoft\EdgeUpdate\Clients\${WV2_GUID}" "pv"
  ${If} $0 == ""
    ReadRegStr $0 HKLM "SOFTWARE\Microsoft\EdgeUpdate\Clients\${WV2_GUID}" "pv"
  ${EndIf}
  SetRegView 32
  ${If} $0 == ""
    ReadRegStr $0 HKLM "SOFTWARE\Microsoft\EdgeUpdate\Clients\${WV2_GUID}" "pv"
  ${EndIf}
  ${If} $0 == ""
    ReadRegStr $0 HKCU "Software\Microsoft\EdgeUpdate\Clients\${WV2_GUID}" "pv"
  ${EndIf}
  ${If} $0 != "0.0.0.0"
    StrCpy $WebView2Version $0
  ${EndIf}
FunctionEnd

Section "一本通" SecApp
  SectionIn RO
  SetOutPath "$INSTDIR"
  File "${DIST}\yibentong-app.exe"
  File "${DIST}\yibentong.exe"
  File "${DIST}\WebView2Loader.dll"
  !ifdef ICON
    File "/oname=yibentong.ico" "${ICON}"
  !endif
  WriteUninstaller "$INSTDIR\uninstall.exe"

  ; Browser mode needs the ledger's folder; the app creates the same one on first start.
  CreateDirectory "$APPDATA\${IDENT}"

  SetShellVarContext current
  CreateDirectory "$SMPROGRAMS\${PRODUCT}"
  CreateShortCut "$SMPROGRAMS\${PRODUCT}\一本通.lnk" "$INSTDIR\yibentong-app.exe"
  CreateShortCut "$SMPROGRAMS\${PRODUCT}\一本通（浏览器模式）.lnk" "$INSTDIR\yibentong.exe" \
    '--db "$APPDATA\${IDENT}\yibentong.db" serve' "$INSTDIR\yibentong-app.exe" 0
  CreateShortCut "$SMPROGRAMS\${PRODUCT}\卸载一本通.lnk" "$INSTDIR\uninstall.exe"
  CreateShortCut "$DESKTOP\一本通.lnk" "$INSTDIR\yibentong-app.exe"

  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${PRODUCT}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\yibentong-app.exe,0"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" $0

  Call DetectWebView2
  ${If} $WebView2Version == ""
    DetailPrint "未检测到 Microsoft Edge WebView2 运行时：一本通窗口需要它；浏览器模式不需要。"
    MessageBox MB_OK|MB_ICONINFORMATION "未检测到 Microsoft Edge WebView2 运行时。$\r$\n$\r$\n\
一本通的窗口需要它。Windows 11 和更新过的 Windows 10 自带；没有时请：$\r$\n\
  1. 在能上网的电脑上打开 https://go.microsoft.com/fwlink/p/?LinkId=2124703 下载“WebView2 常青版引导程序”，$\r$\n\
     或在微软 WebView2 下载页选择“常青版独立安装程序 x64”（离线可装），拷到本机运行；$\r$\n\
  2. 或请乡镇、县信息中心协助安装。$\r$\n$\r$\n\
在此之前可以使用“开始”菜单 → 一本通 → “一本通（浏览器模式）”：$\r$\n\
它不需要 WebView2，用本机浏览器打开同一本台账。" /SD IDOK
  ${Else}
    DetailPrint "WebView2 运行时：$WebView2Version"
  ${EndIf}
SectionEnd

Section "un.卸载程序" SecUnApp
  SectionIn RO
  SetShellVarContext current
  Delete "$INSTDIR\yibentong-app.exe"
  Delete "$INSTDIR\yibentong.exe"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\yibentong.ico"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${PRODUCT}\一本通.lnk"
  Delete "$SMPROGRAMS\${PRODUCT}\一本通（浏览器模式）.lnk"
  Delete "$SMPROGRAMS\${PRODUCT}\卸载一本通.lnk"
  RMDir "$SMPROGRAMS\${PRODUCT}"
  Delete "$DESKTOP\一本通.lnk"
  DeleteRegKey HKCU "${UNINST_KEY}"
SectionEnd

; Off by default: the ledger is the village's records, not part of the program.
Section /o "un.删除台账数据" SecUnData
  RMDir /r "$APPDATA\${IDENT}"
  ; The webview's own cache (WebView2 keeps it under the local app data folder).
  RMDir /r "$LOCALAPPDATA\${IDENT}"
SectionEnd

Function un.onInit
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/DELETEDATA" $R1
  ${IfNot} ${Errors}
    SectionSetFlags ${SecUnData} ${SF_SELECTED}
  ${EndIf}
FunctionEnd

!insertmacro MUI_UNFUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${SecUnApp} "删除程序文件、快捷方式和卸载信息。"
  !insertmacro MUI_DESCRIPTION_TEXT ${SecUnData} "同时删除本机台账（$APPDATA\${IDENT}）。删除后无法恢复，请先备份。"
!insertmacro MUI_UNFUNCTION_DESCRIPTION_END
