# Build the Windows bundle and installer for zwgk-desktop (run on a Windows 10/11 x64 PC).
#
#   powershell -ExecutionPolicy Bypass -File packaging\build_windows.ps1
#   powershell -ExecutionPolicy Bypass -File packaging\build_windows.ps1 -SkipInstaller
#
# Steps: PyInstaller (packaging\zwgk.spec) -> smoke test of both executables (-> --version,
# --demo --screenshot offscreen) -> portable zip -> Inno Setup installer with the version from
# pyproject.toml. Needs: Python 3.11 x64 with the project venv (.venv), Inno Setup 6.5+.
# This file is UTF-8 with BOM so Windows PowerShell 5.1 reads its Chinese messages correctly.
#Requires -Version 5.1
param(
    [string]$Python = "",
    [string]$Iscc = "",
    [switch]$SkipInstaller
)
$ErrorActionPreference = "Stop"
Set-StrictMode -Version Latest
$Root = (Resolve-Path (Join-Path $PSScriptRoot "..")).Path
Set-Location $Root

function Invoke-Checked {
    param([string]$What, [scriptblock]$Block)
    & $Block
    if ($LASTEXITCODE -ne 0) { throw "$What 失败（退出码 $LASTEXITCODE）" }
}

if (-not $Python) { $Python = Join-Path $Root ".venv\Scripts\python.exe" }
if (-not (Test-Path $Python)) {
    throw "找不到 Python：$Python。请先执行：py -3.11 -m venv .venv; .venv\Scripts\pip install -e .[package]"
}
# (no 2>$null here: Windows PowerShell 5.1 turns redirected stderr into a terminating error)
& $Python -c "import importlib.util, sys; sys.exit(0 if importlib.util.find_spec('PyInstaller') else 1)"
if ($LASTEXITCODE -ne 0) {
    Write-Host "== 安装 PyInstaller"
    Invoke-Checked "安装 PyInstaller" { & $Python -m pip install "pyinstaller>=6.10" }
}

$Version = (& $Python packaging\version.py).Trim()
$FileVersion = (& $Python -c "import sys; sys.path.insert(0, 'packaging'); import version as v; print('.'.join(map(str, v.windows_file_version(v.project_version()))))").Trim()
Write-Host "== 构建 zwgk-desktop $Version"

$sw = [Diagnostics.Stopwatch]::StartNew()
Invoke-Checked "PyInstaller" {
    & $Python -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build\pyinstaller packaging\zwgk.spec
}
Write-Host ("   PyInstaller: {0:N0} s" -f $sw.Elapsed.TotalSeconds)
$Bundle = Join-Path $Root "dist\zwgk-desktop"

# Smoke test: the console CLI prints its version; the windowed GUI renders the demo catalog.
# A private profile folder, so the smoke test never touches the builder's own settings.
$env:ZWGK_HOME = Join-Path $Root "build\smoke-home"
$cliOut = (& "$Bundle\zwgk.exe" --version) -join " "
if ($LASTEXITCODE -ne 0 -or $cliOut -notmatch [regex]::Escape($Version)) { throw "zwgk.exe --version 输出异常：$cliOut" }
Write-Host "ok  $cliOut"
& "$Bundle\zwgk.exe" domains | Out-Null
if ($LASTEXITCODE -ne 0) { throw "zwgk.exe domains 失败：模板数据可能没有打包" }
Write-Host "ok  zwgk.exe domains"
$shot = Join-Path $Root "build\bundle-screenshot.png"
Remove-Item $shot -ErrorAction SilentlyContinue
$env:QT_QPA_PLATFORM = "offscreen"
$sw.Restart()
$gui = Start-Process -FilePath "$Bundle\zwgk-desktop.exe" -ArgumentList @("--demo", "--screenshot", "`"$shot`"") -Wait -PassThru
$shotMs = $sw.ElapsedMilliseconds
Remove-Item Env:\QT_QPA_PLATFORM, Env:\ZWGK_HOME
if ($gui.ExitCode -ne 0 -or -not (Test-Path $shot)) { throw "zwgk-desktop.exe --demo --screenshot 失败（退出码 $($gui.ExitCode)）" }
Write-Host "ok  zwgk-desktop.exe --demo --screenshot ($shotMs ms)"

$bundleMb = (Get-ChildItem $Bundle -Recurse -File | Measure-Object -Property Length -Sum).Sum / 1MB
Write-Host ("   bundle: {0:N1} MB" -f $bundleMb)

# Portable zip, for PCs where running an installer is not allowed (unzip and start zwgk-desktop.exe).
$zip = Join-Path $Root "dist\zwgk-desktop-$Version-win64-portable.zip"
Remove-Item $zip -ErrorAction SilentlyContinue
Compress-Archive -Path $Bundle -DestinationPath $zip
Write-Host "ok  $zip"

if ($SkipInstaller) { return }
if (-not $Iscc) {
    $candidates = @(
        (Get-Command ISCC.exe -ErrorAction SilentlyContinue | Select-Object -ExpandProperty Source -First 1),
        "$env:LOCALAPPDATA\Programs\Inno Setup 6\ISCC.exe",
        "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe",
        "$env:ProgramFiles\Inno Setup 6\ISCC.exe"
    ) | Where-Object { $_ -and (Test-Path $_) }
    if (-not $candidates) { throw "找不到 Inno Setup 6（ISCC.exe）。请安装 Inno Setup 6.5 或更高版本，或用 -Iscc 指定路径。" }
    $Iscc = @($candidates)[0]
}
Invoke-Checked "Inno Setup" { & $Iscc "/DMyAppVersion=$Version" "/DMyFileVersion=$FileVersion" packaging\zwgk.iss }
Write-Host "== 完成：dist\installer\zwgk-desktop-$Version-win64-setup.exe"
