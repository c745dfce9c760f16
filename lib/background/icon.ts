/** A 48 px clock icon for notifications (Chrome requires an image; a data URL needs no file). */
export const NOTIFICATION_ICON =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAADAAAAAwCAIAAADYYG7QAAAAr0lEQVR4nO3YMRLAIAgEwFT5ct6a1yS9QRFPlMtwYw2rQyPHEyzHbkCZBGmBQPd1imcpqIaYhTOArJQxVi8I0ZhMOginmFgKaK6mx9QCeWhUUxXkp2mbSEDDpXGTAELuir9TeBA4DfgwJYgbNFAOBxUV/g4Sk6AEuR8e0BZTAUgQPWix6dudAbTMJLYm+QZFBIX7SvuZ2h3Z1jETWZ2NaFd6wyxrff61sHcSpCUc6AXSI0G+tLzYmQAAAABJRU5ErkJggg==';
