; Inno Setup script for 政务公开标准目录编制工具 (zwgk-desktop): a per-user installer that
; needs no administrator rights, in Simplified Chinese, for Windows 10 1809+ / 11 (x64).
;
; Build it with packaging\build_windows.ps1, which runs PyInstaller first and passes the
; version read from pyproject.toml (hatch reads zwgk_desktop/__init__.py):
;   ISCC /DMyAppVersion=x.y.z /DMyFileVersion=x.y.z.0 packaging\zwgk.iss
; Needs Inno Setup 6.5 or later (ChineseSimplified.isl is an official translation since 6.5;
; with an older 6.x copy that file into the compiler's Languages folder).
;
; What it promises the clerk:
; - installs into %LOCALAPPDATA%\Programs\zwgk-desktop without a UAC prompt
;   (PrivilegesRequired=lowest; an administrator may still choose "all users");
; - Start-menu and desktop shortcuts, .zwgk files open in the editor with their own icon;
; - uninstall removes the program and its registry keys only. It never deletes the user's
;   catalogs (*.zwgk), exports, settings or recovery copies, which live outside {app}.

#ifndef MyAppVersion
  #error 缺少版本号：请用 packaging\build_windows.ps1 构建，或 ISCC /DMyAppVersion=x.y.z packaging\zwgk.iss
#endif
#ifndef MyFileVersion
  #define MyFileVersion "0.0.0.0"
#endif
#ifndef DistDir
  #define DistDir "..\dist\zwgk-desktop"
#endif

#define MyAppName "政务公开标准目录编制工具"
#define MyAppExeName "zwgk-desktop.exe"
#define MyCliExeName "zwgk.exe"
#define MyProgId "ZWGK.Catalog.1"

[Setup]
AppId={{F47A8383-ADFB-4657-88B9-B8032FDD0579}
AppName={#MyAppName}
AppVersion={#MyAppVersion}
AppVerName={#MyAppName} {#MyAppVersion}
AppPublisher=zwgk-desktop
VersionInfoVersion={#MyFileVersion}
VersionInfoProductTextVersion={#MyAppVersion}
VersionInfoDescription={#MyAppName} 安装程序
DefaultDirName={autopf}\zwgk-desktop
DefaultGroupName={#MyAppName}
DisableProgramGroupPage=yes
; Per-user install, no admin rights: {autopf} = %LOCALAPPDATA%\Programs, HKA = HKCU.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
UsedUserAreasWarning=no
; Qt 6 runs on Windows 10 1809 (build 17763) and later, x64 only.
MinVersion=10.0.17763
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\dist\installer
OutputBaseFilename=zwgk-desktop-{#MyAppVersion}-win64-setup
SetupIconFile=..\resources\icons\zwgk.ico
UninstallDisplayIcon={app}\{#MyAppExeName}
UninstallDisplayName={#MyAppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "chs"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[CustomMessages]
chs.AssocGroup=文件关联：
chs.AssocTask=用本程序打开 .zwgk 目录文件（双击即可打开）
chs.FileTypeName=政务公开标准目录
chs.CliShortcut=命令行工具（zwgk）
chs.CliComment=打开命令提示符，可用 zwgk 命令批量导入、校验、导出目录

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"
Name: "assoc"; Description: "{cm:AssocTask}"; GroupDescription: "{cm:AssocGroup}"

[InstallDelete]
; An upgrade replaces the whole runtime, so no library of an older version lingers.
; {app}\_internal holds only PyInstaller's runtime, never user data.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "..\resources\icons\zwgk-document.ico"; DestDir: "{app}"; Flags: ignoreversion

[Icons]
Name: "{group}\{#MyAppName}"; Filename: "{app}\{#MyAppExeName}"; WorkingDir: "{userdocs}"
Name: "{group}\{cm:CliShortcut}"; Filename: "{cmd}"; Parameters: "/K set ""PATH={app};%PATH%"" && {#MyCliExeName} --help"; WorkingDir: "{userdocs}"; IconFilename: "{app}\{#MyCliExeName}"; Comment: "{cm:CliComment}"
Name: "{group}\{cm:UninstallProgram,{#MyAppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#MyAppName}"; Filename: "{app}\{#MyAppExeName}"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Registry]
; The .zwgk file type (HKA: HKCU\Software\Classes for a per-user install, HKLM for all users).
Root: HKA; Subkey: "Software\Classes\.zwgk"; ValueType: string; ValueName: ""; ValueData: "{#MyProgId}"; Flags: uninsdeletevalue; Tasks: assoc
Root: HKA; Subkey: "Software\Classes\.zwgk\OpenWithProgids"; ValueType: string; ValueName: "{#MyProgId}"; ValueData: ""; Flags: uninsdeletevalue; Tasks: assoc
Root: HKA; Subkey: "Software\Classes\{#MyProgId}"; ValueType: string; ValueName: ""; ValueData: "{cm:FileTypeName}"; Flags: uninsdeletekey; Tasks: assoc
Root: HKA; Subkey: "Software\Classes\{#MyProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\zwgk-document.ico"; Tasks: assoc
Root: HKA; Subkey: "Software\Classes\{#MyProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#MyAppExeName}"" ""%1"""; Tasks: assoc
Root: HKA; Subkey: "Software\Classes\Applications\{#MyAppExeName}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#MyAppName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#MyAppExeName}\SupportedTypes"; ValueType: string; ValueName: ".zwgk"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\{#MyAppExeName}"; Description: "{cm:LaunchProgram,{#StringChange(MyAppName, '&', '&&')}}"; WorkingDir: "{userdocs}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] section on purpose: the uninstaller removes exactly the files it
; installed. Catalogs, exports, settings and recovery copies (%LOCALAPPDATA%\zwgk\zwgk-desktop)
; belong to the user and stay.
