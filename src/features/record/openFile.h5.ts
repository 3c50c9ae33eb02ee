/** h5: a download through an anchor with the Chinese file name (the browser saves or shows it). */
export async function openFile(url: string, fileName: string): Promise<void> {
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.target = '_blank';
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}
